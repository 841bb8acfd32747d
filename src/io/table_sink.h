#pragma once
// A table written row by row to a file, whatever the file format (CSV, xlsx), so that an
// export streams to disk instead of being built in memory. Cells are text or numbers.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"

namespace mamori::io {

using Cell = std::variant<std::string, double, std::monostate>;  // monostate: empty

class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void row(const std::vector<Cell>& cells) = 0;
  // Flushes and closes the file. Errors: Internal (I/O), or what the format refuses.
  virtual Status finish() = 0;
};

enum class CsvEncoding { kUtf8Bom, kCp932 };

// CSV (RFC 4180, CRLF) in UTF-8 with a BOM (Excel opens it as UTF-8), or in CP932 for
// older tools. CP932 cannot hold every character (e.g. 𠮷, emoji): finish() then fails with
// FailedPrecondition "cp932_unrepresentable", naming the first occurrences (line, column,
// character, U+code) — nothing is dropped or replaced silently.
Result<std::unique_ptr<TableSink>> open_csv(const std::string& path, CsvEncoding encoding,
                                            const std::vector<std::string>& header);

// An .xlsx workbook with one sheet, written in libxlsxwriter's constant-memory mode (each
// row goes to a temporary file as it is written).
Result<std::unique_ptr<TableSink>> open_xlsx(const std::string& path, const std::string& sheet,
                                             const std::vector<std::string>& header);

}  // namespace mamori::io
