// A small reader for .xlsx workbooks (Office Open XML), built on minizip and
// pugixml. It reads cell values as text: shared strings (only the <t> text of
// each <si> and its <r> runs, never the <rPh> phonetic readings), inline
// strings and numbers as written in the file.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "ports/documents.h"

namespace mamori::io {

using ports::Sheet;  // name, hidden, rows of cell texts, formula cells

// What a workbook may hold before it is refused: a few hundred KB of input must never make
// the reader allocate gigabytes (zip bombs, sparse cells at XFD1048576, deep XML). The
// defaults hold the official list of bodies and a survey workbook many times over.
struct XlsxLimits {
  size_t max_file_bytes = 64u << 20;       // the .xlsx itself
  size_t max_entries = 10'000;             // members of the ZIP
  size_t max_member_bytes = 128u << 20;    // one member, uncompressed (an XML part)
  size_t max_total_bytes = 256u << 20;     // every member read, uncompressed
  size_t max_ratio = 200;                  // uncompressed / compressed, for members over 1 MiB
  size_t max_xml_depth = 64;               // element nesting
  size_t max_cells = 4'000'000;            // rows plus cells held, over all sheets
  size_t max_shared_strings = 1'000'000;
};

// The limits of a workbook a person uploads (a response's workbook, a legacy answer
// sheet): 16 MiB, 200,000 rows and cells — a survey's workbook holds a few thousand.
XlsxLimits upload_limits();

// Reads every worksheet of the workbook at `path`, in workbook order. A file that is not a
// readable xlsx gives InvalidArgument "broken_xlsx" (the message says why); one over a
// limit gives PayloadTooLarge "xlsx_too_large" naming the limit.
Result<std::vector<Sheet>> read_xlsx(const std::string& path, const XlsxLimits& limits = {});

// Same, from bytes in memory (uploads).
Result<std::vector<Sheet>> read_xlsx_bytes(const std::string& bytes, const XlsxLimits& limits = {});

// 0-based column index of a cell reference like "AB12" (-> 27); -1 when it does not start
// with 1–3 letters A–Z or names a column beyond XFD (16,384 columns).
int column_index(std::string_view cell_ref);

}  // namespace mamori::io
