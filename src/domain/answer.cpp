#include "domain/answer.h"

#include "domain/answer_json.h"

#include "base/clock.h"

#include <boost/json.hpp>

#include <chrono>
#include <cmath>
#include <set>

namespace mamori {

namespace json = boost::json;

std::string_view to_string(AnswerState s) {
  switch (s) {
    case AnswerState::kCarriedOver:
      return "carried_over";
    case AnswerState::kConfirmed:
      return "confirmed";
    case AnswerState::kChanged:
      return "changed";
    case AnswerState::kNew:
      return "new";
  }
  return "new";
}


namespace {

// InvalidArgument "invalid_value" with the field message `why` under "value".
Status bad(std::string why, MessageArgs args = {}) {
  Status s = Status::InvalidArgument("invalid_value");
  s.with_field("value", std::move(why), std::move(args));
  return s;
}

std::optional<double> as_number(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double()) return v.as_double();
  return std::nullopt;
}

std::string fmt(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return std::to_string(d);
}


size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

Status validate_value(const Question& q, const json::value& v) {
  switch (q.type) {
    case QuestionType::kYesNo:
      if (!v.is_string() || (v.as_string() != "yes" && v.as_string() != "no"))
        return bad("value.yes_no");
      return Status::Ok();
    case QuestionType::kSingle:
      if (!v.is_string() || !q.has_option(v.as_string()))
        return bad("value.single");
      return Status::Ok();
    case QuestionType::kMulti: {
      if (!v.is_array() || v.as_array().empty())
        return bad("value.multi");
      std::set<std::string> seen;
      for (const auto& e : v.as_array()) {
        if (!e.is_string() || !q.has_option(e.as_string()))
          return bad("value.not_an_option");
        if (!seen.insert(std::string(e.as_string())).second)
          return bad("value.multi_twice");
      }
      return Status::Ok();
    }
    case QuestionType::kNumber:
    case QuestionType::kPercent: {
      auto n = as_number(v);
      if (!n || !std::isfinite(*n)) return bad("value.number");
      if ((q.min && *n < *q.min) || (q.max && *n > *q.max))
        return bad("value.range", {{"min", q.min ? fmt(*q.min) : ""}, {"max", q.max ? fmt(*q.max) : ""}});
      return Status::Ok();
    }
    case QuestionType::kDate:
      if (!v.is_string() || !is_iso_date(v.as_string()))
        return bad("value.date");
      return Status::Ok();
    case QuestionType::kText:
      if (!v.is_string()) return bad("value.text");
      if (utf8_length(v.as_string()) > q.max_length)
        return bad("value.too_long", {{"max", std::to_string(q.max_length)}});
      if (v.as_string().empty())
        return bad("value.empty_text");
      return Status::Ok();
    case QuestionType::kMaturity:
      if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > 4)
        return bad("value.maturity");
      return Status::Ok();
  }
  return bad("value.unknown_type");
}

json::value canonical_value(const Question& q, const json::value& v) {
  if (q.type != QuestionType::kMulti || !v.is_array()) return v;
  json::array ordered;
  for (const auto& o : q.options)
    for (const auto& e : v.as_array())
      if (e.is_string() && e.as_string() == o.key) ordered.push_back(e);
  return ordered;
}

namespace {

std::string body_attribute(const Body& b, const std::string& subject) {
  if (subject == "body.network_model") return b.network_model;
  if (subject == "body.type") return std::string(to_string(b.type));
  if (subject == "body.core_city") return b.core_city ? "yes" : "no";
  if (subject == "body.population_band") return b.population_band;
  return {};
}

bool clause_holds(const Catalog& cat, const Clause& cl, const Body& body, const AnswerLookup& answer_of) {
  if (cl.subject.rfind("q:", 0) != 0) {
    std::string a = body_attribute(body, cl.subject);
    bool in = std::find(cl.values.begin(), cl.values.end(), a) != cl.values.end();
    return cl.op == Clause::Op::kNe ? !in : in;
  }
  std::string qid = cl.subject.substr(2);
  const Question* target = cat.find(qid);
  if (!target) return false;  // conditions are acyclic (checked at load)
  if (!is_visible(cat, *target, body, answer_of)) return false;
  const json::value* v = answer_of(qid);
  if (!v || v->is_null()) return cl.op == Clause::Op::kNe;
  if (cl.op == Clause::Op::kHas) {
    if (!v->is_array()) return false;
    for (const auto& e : v->as_array())
      if (e.is_string() && e.as_string() == cl.values[0]) return true;
    return false;
  }
  std::string s = v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
  bool in = std::find(cl.values.begin(), cl.values.end(), s) != cl.values.end();
  return cl.op == Clause::Op::kNe ? !in : in;
}

}  // namespace

bool is_visible(const Catalog& cat, const Question& q, const Body& body, const AnswerLookup& answer_of) {
  for (const auto& cl : q.show_if)
    if (!clause_holds(cat, cl, body, answer_of)) return false;
  return true;
}

void AnswerValues::set_json(const std::string& question_id, const std::optional<std::string>& text) {
  if (auto v = parse_json(text)) values_[question_id] = std::move(*v);
}

bool is_implemented(const Question& q, const json::value& v) {
  if (!q.implemented.defined) return false;
  if (q.implemented.at_least) {
    auto n = as_number(v);
    return n && *n >= *q.implemented.at_least;
  }
  auto has = [&](std::string_view key) {
    return std::find(q.implemented.keys.begin(), q.implemented.keys.end(), key) != q.implemented.keys.end();
  };
  if (v.is_string()) return has(v.as_string());
  if (v.is_array())
    for (const auto& e : v.as_array())
      if (e.is_string() && has(e.as_string())) return true;
  return false;
}

namespace {
bool fits(const Question& q, const Question& old, const json::value& v) {
  if (q.type != old.type) return false;
  return validate_value(q, v).ok();
}
}  // namespace

CarriedValue carry_over(const Question& q, const Catalog& previous,
                        const std::function<const json::value*(const std::string&)>& old_answer) {
  CarriedValue out;
  switch (q.lineage.kind) {
    case LineageKind::kNone:
    case LineageKind::kNew:
      return out;
    case LineageKind::kSame:
    case LineageKind::kReworded:
    case LineageKind::kSplit: {
      const Question* old = previous.find(q.lineage.from[0]);
      const json::value* v = old_answer(q.lineage.from[0]);
      if (!old || !v) return out;
      out.previous = *v;  // shown beside the question even when it cannot carry
      if (!fits(q, *old, *v)) return out;
      out.value = canonical_value(q, *v);
      out.previous = out.value;
      out.state = AnswerState::kCarriedOver;
      return out;
    }
    case LineageKind::kMerged: {
      std::optional<json::value> agreed;
      bool all_agree = true;
      bool any = false;
      for (const auto& id : q.lineage.from) {
        const Question* old = previous.find(id);
        const json::value* v = old_answer(id);
        if (!old || !v || !fits(q, *old, *v)) {
          all_agree = false;
          continue;
        }
        any = true;
        json::value canonical = canonical_value(q, *v);
        if (!agreed)
          agreed = canonical;
        else if (*agreed != canonical)
          all_agree = false;
      }
      if (!any) return out;
      out.state = AnswerState::kCarriedOver;
      out.needs_confirmation = !all_agree;
      if (all_agree) {
        out.value = agreed;
        out.previous = agreed;
      } else {
        json::object from;
        for (const auto& id : q.lineage.from)
          if (const json::value* v = old_answer(id)) from[id] = *v;
        out.previous = json::object{{"merged_from", std::move(from)}};
      }
      return out;
    }
  }
  return out;
}

AnswerState state_after_save(const std::optional<json::value>& value, const std::optional<json::value>& previous) {
  if (!previous) return AnswerState::kNew;
  if (value && *value == *previous) return AnswerState::kConfirmed;
  return AnswerState::kChanged;
}

}  // namespace mamori
