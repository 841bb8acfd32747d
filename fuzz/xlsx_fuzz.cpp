// libFuzzer target: the xlsx reader (io/xlsx_reader.h) on uploaded bytes. The limits are
// smaller than the server's so that a run stays fast; the oracle beside "no crash, no
// sanitizer report, no runaway allocation" (libFuzzer's -rss_limit_mb) is that what is read
// stays within them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mamori::io::XlsxLimits limits;
  limits.max_file_bytes = 1u << 20;
  limits.max_member_bytes = 8u << 20;
  limits.max_total_bytes = 16u << 20;
  limits.max_cells = 200'000;
  limits.max_shared_strings = 100'000;
  auto sheets = mamori::io::read_xlsx_bytes(std::string(reinterpret_cast<const char*>(data), size), limits);
  if (!sheets.ok()) {
    const std::string code = sheets.status().error_code();
    if (code != "broken_xlsx" && code != "xlsx_too_large") std::abort();
    return 0;
  }
  size_t held = 0;
  for (const auto& s : *sheets) {
    held += s.rows.size();
    for (const auto& r : s.rows) held += r.size();
  }
  if (held > limits.max_cells) std::abort();
  return 0;
}
