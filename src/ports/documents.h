#pragma once
// The file formats services and handlers write: a report as PDF or xlsx, a ZIP of generated
// files, a table as CSV or xlsx. Implemented in io/ (cairo + Pango, libxlsxwriter, minizip,
// iconv) and wired in app/; services and handlers see only this interface.
//
// Thread-safe: every method may be called from any thread at once.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "domain/report.h"
#include "domain/workbook.h"
#include "ports/table_sink.h"

namespace mamori::ports {

// A ZIP archive written entry by entry (memory holds one entry at a time).
class ArchiveWriter {
 public:
  virtual ~ArchiveWriter() = default;
  virtual Status add(const std::string& name, std::string_view bytes) = 0;
  // Writes the central directory and closes the file.
  virtual Status finish() = 0;
};

enum class CsvEncoding { kUtf8Bom, kCp932 };

// One worksheet of a workbook read back (io/xlsx_reader.h): every cell as text, shared
// strings resolved, numbers as written in the file (dates are Excel serial numbers).
struct Sheet {
  std::string name;
  bool hidden = false;  // state="hidden" or "veryHidden" in the workbook
  // rows[r][c] is the text of the cell at 0-based row r, column c ("" if empty).
  std::vector<std::vector<std::string>> rows;
  // The cells that hold a formula (0-based row, column): their text is the cached result.
  std::vector<std::pair<size_t, size_t>> formulas;
};

// One sheet of a workbook of plain tables: a header row (bold, frozen, with filters) and
// rows of text; `widths` in characters, one per column (empty: a default width).
struct TableSheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<double> widths;
  std::vector<std::vector<std::string>> rows;
};

class Documents {
 public:
  virtual ~Documents() = default;
  // The PDF bytes of `report`.
  virtual Result<std::string> pdf(const Report& report) = 0;
  // The report as an .xlsx workbook at `path`.
  virtual Status xlsx(const Report& report, const std::string& path) = 0;
  // A new ZIP at `path`, readable by this user only (0600).
  virtual Result<std::unique_ptr<ArchiveWriter>> zip(const std::string& path) = 0;
  // A table as CSV (RFC 4180, CRLF; UTF-8 with BOM, or CP932 that refuses what it cannot
  // hold) or as a one-sheet xlsx workbook, at `path`, starting with `header`.
  virtual Result<std::unique_ptr<TableSink>> csv_table(const std::string& path, CsvEncoding encoding,
                                                       const std::vector<std::string>& header) = 0;
  virtual Result<std::unique_ptr<TableSink>> xlsx_table(const std::string& path, const std::string& sheet,
                                                        const std::vector<std::string>& header) = 0;
  // A workbook of `sheets`, in order, at `path` (0600). A text longer than a cell holds
  // (32,767 characters) is cut there and ends with "…".
  virtual Status xlsx_sheets(const std::vector<TableSheet>& sheets, const std::string& path) = 0;
  // A response's offline workbook (domain/workbook.h, docs/WORKBOOK.md) at `path`, 0600.
  virtual Status survey_workbook(const workbook::WorkbookContent& content, const std::string& path) = 0;
  // Every worksheet of an uploaded .xlsx, within the upload limits (io/xlsx_reader.h):
  // InvalidArgument "broken_xlsx" or PayloadTooLarge "xlsx_too_large", naming why.
  virtual Result<std::vector<Sheet>> read_upload(const std::string& bytes) = 0;
  // The text of an uploaded CSV file as UTF-8: UTF-8 with or without a BOM (dropped) as it
  // is, anything else read as CP932 (Shift_JIS as Windows writes it). InvalidArgument
  // "csv_encoding_unknown" when it is neither.
  virtual Result<std::string> csv_text(const std::string& bytes) = 0;
};

}  // namespace mamori::ports
