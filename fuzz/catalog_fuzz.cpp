// libFuzzer target: the catalogue parser (domain/catalog_parser.h). The input is one or more
// catalogue files separated by a line "#=== <name>" (the seeds are real catalogues and
// damaged ones); the parser must answer with a catalogue or an "invalid_catalog" message
// naming a file and line, never crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<mamori::SourceFile> files;
  size_t at = 0;
  while (at <= text.size()) {
    size_t next = text.find("\n#=== ", at);
    std::string_view part = text.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at);
    files.push_back({"fuzz/" + std::to_string(files.size()) + ".txt", std::string(part)});
    if (next == std::string_view::npos) break;
    at = next + 1;
  }
  auto cat = mamori::parse_catalog(files);
  if (!cat.ok() && cat.status().error_code() != "invalid_catalog") std::abort();
  return 0;
}
