// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mamori {

// Parses UTF-8 CSV text (a leading BOM is skipped). Text that is not valid
// UTF-8 (e.g. a CP932 file) gives InvalidArgument "csv_encoding"; an
// unterminated quote gives "csv_malformed" naming the line.
// `record_lines` (optional) receives the file line on which each record starts.
Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text,
                                                        std::vector<int>* record_lines = nullptr);

// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

}  // namespace mamori
