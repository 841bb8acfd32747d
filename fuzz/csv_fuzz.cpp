// libFuzzer target: the CSV reader (base/csv.h) on UTF-8 and CP932 files (the seeds hold
// both: a CP932 file must be refused with "csv_encoding", not misread). Oracles: every
// field of a parsed file is well-formed UTF-8, and each record has the line it starts on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "base/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<int> lines;
  auto rows = mamori::parse_csv(text, &lines);
  if (!rows.ok()) {
    const std::string code = rows.status().error_code();
    if (code != "csv_encoding" && code != "csv_malformed") std::abort();
    return 0;
  }
  if (!mamori::is_valid_utf8(text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text)) std::abort();
  if (lines.size() != rows->size()) std::abort();
  for (const auto& r : *rows)
    for (const auto& field : r)
      if (!mamori::is_valid_utf8(field)) std::abort();
  return 0;
}
