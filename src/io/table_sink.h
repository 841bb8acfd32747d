#pragma once
// Table sinks (ports/table_sink.h) that write a file row by row: CSV or xlsx.

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ports/documents.h"
#include "ports/table_sink.h"

namespace mamori::io {

using ports::Cell;
using ports::CsvEncoding;
using ports::TableSink;

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
