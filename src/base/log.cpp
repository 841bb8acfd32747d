#include "base/log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "base/clock.h"

namespace mamori {

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);  // UTF-8 passes through
        }
    }
  }
  return out;
}

void log_json(std::string_view level, std::string_view event, std::initializer_list<LogField> fields) {
  std::string line = "{\"ts\":\"" + to_iso(std::chrono::system_clock::now()) + "\",\"level\":\"" +
                     json_escape(level) + "\",\"event\":\"" + json_escape(event) + "\"";
  for (const auto& f : fields) {
    line += ",\"" + json_escape(f.key) + "\":";
    line += f.number ? f.value : "\"" + json_escape(f.value) + "\"";
  }
  line += "}\n";
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return;  // nowhere to log: nothing else to do
    done += static_cast<size_t>(n);
  }
}

}  // namespace mamori
