#include "http/json_body.h"

#include <algorithm>
#include <cstdio>

#include "base/messages.h"
#include "crypto/password.h"

namespace mamori::http {

Result<json::object> parse_object(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options opt;
  opt.max_depth = 32;
  json::value v = json::parse(body, ec, {}, opt);
  if (ec)
    return Status::InvalidArgument("malformed_json");
  if (!v.is_object())
    return Status::InvalidArgument("not_an_object");
  return std::move(v.as_object());
}

FieldReader::FieldReader(const json::object& obj, std::initializer_list<std::string_view> allowed) : obj_(obj) {
  for (const auto& kv : obj_) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end())
      fail(kv.key(), "field.unknown");
  }
}

void FieldReader::fail(std::string_view key, std::string message, MessageArgs args) {
  if (!failed_) {
    errors_ = Status::InvalidField(std::string(key), std::move(message), std::move(args));
    failed_ = true;
  } else {
    errors_.with_field(std::string(key), std::move(message), std::move(args));
  }
}

const json::value* FieldReader::raw(std::string_view key) const { return obj_.if_contains(key); }

std::optional<std::string> FieldReader::string(std::string_view key, bool required, size_t max_len) {
  const json::value* v = raw(key);
  if (!v || v->is_null()) {
    if (required) fail(key, "field.required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    fail(key, "field.string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars > max_len) {
    fail(key, "field.too_long", {{"max", std::to_string(max_len)}});
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> FieldReader::integer(std::string_view key, bool required) {
  const json::value* v = raw(key);
  if (!v || v->is_null()) {
    if (required) fail(key, "field.required");
    return std::nullopt;
  }
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v->as_uint64());
  fail(key, "field.integer");
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  const json::value* v = raw(key);
  if (!v || v->is_null()) {
    if (required) fail(key, "field.required");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    fail(key, "field.boolean");
    return std::nullopt;
  }
  return v->as_bool();
}

Status FieldReader::status() const { return failed_ ? errors_ : Status::Ok(); }

int http_status_of(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kAborted: return 409;
    case StatusCode::kMethodNotAllowed: return 405;
    case StatusCode::kPayloadTooLarge: return 413;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kFailedPrecondition: return 422;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

Response error_response(const Status& s, json::object extra) {
  json::object o = std::move(extra);
  o["code"] = s.error_code();
  const Message m = message_of(s);
  o["message_ja"] = m.ja;
  o["message_en"] = m.en;
  std::string incident;
  if (s.code() == StatusCode::kInternal) {
    // The detail goes to the log (by the app, with the request) under an incident number
    // the user can quote.
    incident = auth::random_token(4);
    const Message with = render("internal.incident", {{"incident", incident}});
    o["message_ja"] = with.ja;
    o["message_en"] = with.en;
    o["incident"] = incident;
  }
  json::object fields;
  for (const auto& [k, f] : s.fields()) {
    const Message fm = render(f.message, f.args);
    // `message` is the key of the text, so a client can group fields refused for one reason.
    fields[k] = json::object{{"message", f.message}, {"message_ja", fm.ja}, {"message_en", fm.en}};
  }
  o["fields"] = std::move(fields);
  Response res = Response::json(http_status_of(s.code()), json::serialize(o));
  if (!incident.empty()) {
    res.incident = std::move(incident);
    res.log_detail = s.internal_detail();
  }
  return res;
}

Response json_response(const json::value& v, int status) { return Response::json(status, json::serialize(v)); }

}  // namespace mamori::http
