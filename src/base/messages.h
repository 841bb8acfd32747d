// The one message table: every user-facing text of an error, in Japanese and English,
// looked up by key where the error leaves the server (the API's error envelope, the CLI,
// job results). A key is a Status's code, or the variant its with_message() names
// ("stale_version.self"), or a field's message ("field.required").
//
// Texts hold {name} placeholders filled from MessageArgs. Each text says what went wrong
// and, where the person can do something, how to fix it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mamori {

struct Message {
  std::string ja;
  std::string en;
};

// The message `key` with its placeholders filled from `args` (a placeholder without a value
// is left as written). An unknown key renders the generic internal message: a missing entry
// is a defect, caught by messages_test.cpp.
Message render(std::string_view key, const MessageArgs& args = {});
// The message of a non-ok status (its message_key() and args()).
Message message_of(const Status& s);
bool has_message(std::string_view key);
// Every key of the table (tests).
std::vector<std::string_view> message_keys();

}  // namespace mamori
