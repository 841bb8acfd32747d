#pragma once
// The server's log: one JSON object per line on stderr, for a supervisor (systemd's journal)
// or a log shipper to keep and search:
//   {"ts":"2026-12-05T03:00:00.123Z","level":"error","event":"internal_error",
//    "request_id":"…","incident":"8f6bbd27","detail":"…"}
// `ts` is UTC with milliseconds; `event` names what happened (a fixed word per call site);
// the other keys are the call's fields, strings unless marked numbers. Thread-safe: each line
// is one write(2), so lines of different threads never interleave.

#include <initializer_list>
#include <string>
#include <string_view>

namespace mamori {

struct LogField {
  std::string_view key;
  std::string value;
  bool number = false;  // written without quotes (the caller passes digits)
};

void log_json(std::string_view level, std::string_view event, std::initializer_list<LogField> fields);

// `s` as the contents of a JSON string (quotes not included).
std::string json_escape(std::string_view s);

}  // namespace mamori
