// Strict JSON input and the error envelope.
//
// Every error leaves the server as
//   {"code": "...", "message_ja": "...", "message_en": "...", "fields": {...}}
// with the HTTP status of its StatusCode; the messages are looked up by code in the one
// message table (base/messages.cpp).
#pragma once

#include <boost/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/request.h"

namespace mamori::http {

namespace json = boost::json;

// Parses `body` as one JSON object. Errors: "malformed_json", "not_an_object".
Result<json::object> parse_object(std::string_view body);

// Reads typed fields out of a JSON object, collecting one message per bad
// field; unknown fields are errors too. Check status() once at the end.
class FieldReader {
 public:
  FieldReader(const json::object& obj, std::initializer_list<std::string_view> allowed);

  std::optional<std::string> string(std::string_view key, bool required, size_t max_len = 2000);
  std::optional<int64_t> integer(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  // Present (possibly null) value, or nullptr when absent.
  const json::value* raw(std::string_view key) const;
  // Records an error for `key`: a message key (base/messages.cpp) and its values.
  void fail(std::string_view key, std::string message, MessageArgs args = {});

  // Ok, or InvalidArgument "invalid_fields" naming every bad field.
  Status status() const;

 private:
  const json::object& obj_;
  Status errors_;
  bool failed_ = false;
};

// The HTTP status of a StatusCode (abseil's mapping: 400, 401, 403, 404, 409, 409, 405,
// 413, 429, 422, 503, 500).
int http_status_of(StatusCode code);

// The JSON error envelope of a non-ok status; `extra` members (e.g. "current" of a stale
// answer) are added to it. An internal error is logged with a random incident number that
// the client is shown instead of the detail.
Response error_response(const Status& s, json::object extra = {});
// 200 (or `status`) with a serialised JSON value.
Response json_response(const json::value& v, int status = 200);

}  // namespace mamori::http
