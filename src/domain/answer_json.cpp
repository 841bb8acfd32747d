#include "domain/answer_json.h"

namespace mamori {

namespace json = boost::json;

std::optional<json::value> parse_json(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  if (ec) return std::nullopt;
  return v;
}

namespace {
json::value or_null(const std::optional<std::string>& text) {
  auto v = parse_json(text);
  return v ? std::move(*v) : json::value(nullptr);
}
}  // namespace

json::object answer_content_json(const AnswerRecord& a) {
  return {{"value", or_null(a.value_json)},     {"state", a.state},     {"not_applicable", a.not_applicable},
          {"na_reason", a.na_reason},           {"comment", a.comment}, {"evidence_url", a.evidence_url}};
}

json::object answer_json(const AnswerRecord& a) {
  json::object o{{"question_id", a.question_id}};
  for (auto& kv : answer_content_json(a)) o[kv.key()] = kv.value();
  o["previous"] = or_null(a.previous_json);
  o["needs_confirmation"] = a.needs_confirmation;
  o["version"] = a.version;
  o["updated_by"] = a.updated_by_name;
  o["updated_at"] = a.updated_at;
  return o;
}

std::string answers_snapshot_json(const std::vector<AnswerRecord>& answers) {
  json::object o;
  for (const auto& a : answers) o[a.question_id] = answer_content_json(a);
  return json::serialize(o);
}

}  // namespace mamori
