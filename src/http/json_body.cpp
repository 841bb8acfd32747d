#include "http/json_body.h"

#include <algorithm>
#include <cstdio>

#include "crypto/password.h"

namespace mamori::http {

Result<json::object> parse_object(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options opt;
  opt.max_depth = 32;
  json::value v = json::parse(body, ec, {}, opt);
  if (ec)
    return Status::InvalidArgument("malformed_json", "リクエストの本文が正しいJSONではありません。",
                                   "The request body is not valid JSON.");
  if (!v.is_object())
    return Status::InvalidArgument("not_an_object", "リクエストの本文はJSONオブジェクトにしてください。",
                                   "The request body must be a JSON object.");
  return std::move(v.as_object());
}

FieldReader::FieldReader(const json::object& obj, std::initializer_list<std::string_view> allowed) : obj_(obj) {
  for (const auto& kv : obj_) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end())
      fail(kv.key(), "この項目は受け付けていません。", "Unknown field.");
  }
}

void FieldReader::fail(std::string_view key, std::string ja, std::string en) {
  if (!failed_) {
    errors_ = Status::InvalidField(std::string(key), std::move(ja), std::move(en));
    failed_ = true;
  } else {
    errors_.with_field(std::string(key), std::move(ja), std::move(en));
  }
}

const json::value* FieldReader::raw(std::string_view key) const { return obj_.if_contains(key); }

std::optional<std::string> FieldReader::string(std::string_view key, bool required, size_t max_len) {
  const json::value* v = raw(key);
  if (!v || v->is_null()) {
    if (required) fail(key, "必須項目です。", "This field is required.");
    return std::nullopt;
  }
  if (!v->is_string()) {
    fail(key, "文字列で指定してください。", "Must be a string.");
    return std::nullopt;
  }
  std::string s(v->as_string());
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars > max_len) {
    fail(key, std::to_string(max_len) + "文字以内で入力してください。",
         "Must be at most " + std::to_string(max_len) + " characters.");
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> FieldReader::integer(std::string_view key, bool required) {
  const json::value* v = raw(key);
  if (!v || v->is_null()) {
    if (required) fail(key, "必須項目です。", "This field is required.");
    return std::nullopt;
  }
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v->as_uint64());
  fail(key, "整数で指定してください。", "Must be an integer.");
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  const json::value* v = raw(key);
  if (!v || v->is_null()) {
    if (required) fail(key, "必須項目です。", "This field is required.");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    fail(key, "true または false で指定してください。", "Must be true or false.");
    return std::nullopt;
  }
  return v->as_bool();
}

Status FieldReader::status() const { return failed_ ? errors_ : Status::Ok(); }

Response error_response(const Status& s) {
  json::object o;
  o["code"] = s.error_code();
  o["message_ja"] = s.message_ja();
  o["message_en"] = s.message_en();
  if (s.code() == StatusCode::kInternal) {
    // The detail goes to the log under an incident number the user can quote.
    std::string incident = auth::random_token(4);
    std::fprintf(stderr, "internal error %s: %s\n", incident.c_str(), s.internal_detail().c_str());
    o["message_ja"] = s.message_ja() + "（受付番号 " + incident + "）";
    o["message_en"] = s.message_en() + " (incident " + incident + ")";
    o["incident"] = incident;
  }
  json::object fields;
  for (const auto& [k, f] : s.fields())
    fields[k] = json::object{{"message_ja", f.message_ja}, {"message_en", f.message_en}};
  o["fields"] = std::move(fields);
  if (!s.detail_json().empty()) {
    boost::system::error_code ec;
    auto d = json::parse(s.detail_json(), ec);
    if (!ec) o["current"] = std::move(d);
  }
  return Response::json(s.http_status(), json::serialize(o));
}

Response json_response(const json::value& v, int status) { return Response::json(status, json::serialize(v)); }

}  // namespace mamori::http
