// A small reader for .xlsx workbooks (Office Open XML), built on minizip and
// pugixml. It reads cell values as text: shared strings (only the <t> text of
// each <si> and its <r> runs, never the <rPh> phonetic readings), inline
// strings and numbers as written in the file.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace mamori::io {

struct Sheet {
  std::string name;
  // rows[r][c] is the text of the cell at 0-based row r, column c ("" if empty).
  std::vector<std::vector<std::string>> rows;
};

// Reads every worksheet of the workbook at `path`, in workbook order. A file
// that is not a readable xlsx gives InvalidArgument "broken_xlsx".
Result<std::vector<Sheet>> read_xlsx(const std::string& path);

// Same, from bytes in memory (uploads).
Result<std::vector<Sheet>> read_xlsx_bytes(const std::string& bytes);

// 0-based column index of a cell reference like "AB12" (-> 27).
int column_index(std::string_view cell_ref);

}  // namespace mamori::io
