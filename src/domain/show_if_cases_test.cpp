// show_if on the server (is_visible), over the case file the browser's tests read too
// (tests/cases/show_if.json): one table of cases, so the two implementations of the rule
// cannot drift apart.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "domain/answer.h"

namespace mamori {
namespace {

namespace json = boost::json;

Clause::Op op_of(std::string_view op) {
  if (op == "=") return Clause::Op::kEq;
  if (op == "!=") return Clause::Op::kNe;
  if (op == "in") return Clause::Op::kIn;
  if (op == "has") return Clause::Op::kHas;
  ADD_FAILURE() << "unknown op " << op;
  return Clause::Op::kEq;
}

std::vector<Clause> clauses_of(const json::value* v) {
  std::vector<Clause> out;
  if (!v) return out;
  for (const auto& c : v->as_array()) {
    Clause cl{std::string(c.at("subject").as_string()), op_of(c.at("op").as_string()), {}};
    for (const auto& x : c.at("values").as_array()) cl.values.push_back(std::string(x.as_string()));
    out.push_back(std::move(cl));
  }
  return out;
}

Question question_of(const json::object& o) {
  Question q;
  q.id = std::string(o.at("id").as_string());
  auto type = parse_question_type(o.at("type").as_string());
  EXPECT_TRUE(type.has_value()) << q.id;
  q.type = type.value_or(QuestionType::kYesNo);
  if (const auto* opts = o.if_contains("options"))
    for (const auto& k : opts->as_array()) q.options.push_back(Option{std::string(k.as_string()), {}});
  q.show_if = clauses_of(o.if_contains("show_if"));
  return q;
}

Body body_of(const json::object& o) {
  Body b;
  b.code = std::string(o.at("code").as_string());
  b.type = parse_body_type(o.at("type").as_string()).value_or(BodyType::kCity);
  b.network_model = std::string(o.at("network_model").as_string());
  b.core_city = o.at("core_city").as_bool();
  b.population_band = std::string(o.at("population_band").as_string());
  return b;
}

TEST(ShowIfCases, TheServerAgreesWithEveryCase) {
  std::ifstream in(std::string(MAMORI_SOURCE_DIR) + "/tests/cases/show_if.json");
  ASSERT_TRUE(in) << "tests/cases/show_if.json";
  std::stringstream text;
  text << in.rdbuf();
  const json::object doc = json::parse(text.str()).as_object();
  std::vector<Question> questions;
  for (const auto& q : doc.at("questions").as_array()) questions.push_back(question_of(q.as_object()));
  const auto& cases = doc.at("cases").as_array();
  ASSERT_GE(cases.size(), 40u);
  for (const auto& cv : cases) {
    const json::object& c = cv.as_object();
    const std::string name(c.at("name").as_string());
    json::object body_json = doc.at("default_body").as_object();
    if (const auto* over = c.if_contains("body"))
      for (const auto& kv : over->as_object()) body_json[kv.key()] = kv.value();
    Catalog cat;
    for (const auto& q : questions) {
      cat.index[q.id] = cat.questions.size();
      cat.questions.push_back(q);
    }
    std::string target = "target";
    if (const auto* q = c.if_contains("question")) {
      target = std::string(q->as_string());
    } else {
      Question t;
      t.id = target;
      t.type = QuestionType::kText;
      t.show_if = clauses_of(c.if_contains("show_if"));
      cat.index[t.id] = cat.questions.size();
      cat.questions.push_back(t);
    }
    std::map<std::string, json::value> answers;
    for (const auto& kv : c.at("answers").as_object()) answers[std::string(kv.key())] = kv.value();
    AnswerLookup lookup = [&](const std::string& id) -> const json::value* {
      auto it = answers.find(id);
      return it == answers.end() ? nullptr : &it->second;
    };
    ASSERT_NE(cat.find(target), nullptr) << name;
    EXPECT_EQ(is_visible(cat, *cat.find(target), body_of(body_json), lookup), c.at("visible").as_bool()) << name;
  }
}

}  // namespace
}  // namespace mamori
