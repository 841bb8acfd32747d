// Scoring and aggregation as data: "these answers → these outcomes / these rates", and the
// contract that incremental updates agree with a full recompute on random data.
#include "domain/aggregates.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <random>

namespace mamori::analytics {
namespace {

namespace json = boost::json;

Question scored(const std::string& id, int category, QuestionType type, Implemented rule,
                std::vector<Clause> show_if = {}) {
  Question q;
  q.id = id;
  q.category = category;
  q.type = type;
  q.implemented = std::move(rule);
  q.show_if = std::move(show_if);
  if (type == QuestionType::kSingle || type == QuestionType::kMulti)
    for (const char* k : {"a", "b", "c"}) q.options.push_back(Option{k, Text{k, k}});
  return q;
}

Implemented keys(std::vector<std::string> k) { return Implemented{true, std::move(k), std::nullopt}; }
Implemented at_least(double n) { return Implemented{true, {}, n}; }

Catalog sample_catalog() {
  Catalog cat;
  cat.id = "t";
  cat.categories = {{1, {"一", "One"}}, {2, {"二", "Two"}}, {3, {"三", "Three"}}};
  std::vector<Question> qs = {
      scored("ciso", 1, QuestionType::kYesNo, keys({"yes"})),
      scored("level", 1, QuestionType::kMaturity, at_least(3)),
      scored("kind", 2, QuestionType::kMulti, keys({"b", "c"})),
      scored("info", 2, QuestionType::kText, Implemented{}),  // informational: never scored
      scored("beta_only", 3, QuestionType::kYesNo, keys({"yes"}),
             {Clause{"body.network_model", Clause::Op::kEq, {"beta"}}}),
  };
  for (auto& q : qs) {
    cat.index[q.id] = cat.questions.size();
    cat.questions.push_back(std::move(q));
  }
  return cat;
}

Body body(const std::string& code, BodyType type, const std::string& model) {
  Body b;
  b.code = code;
  b.type = type;
  b.network_model = model;
  return b;
}

struct ScoreCase {
  const char* name;
  std::map<std::string, std::string> answers;  // question id → value as JSON
  const char* model;
  std::vector<Outcome> expected;
};

using O = Outcome;

TEST(ScoreResponse, Table) {
  const Catalog cat = sample_catalog();
  const std::vector<ScoreCase> cases = {
      {"all implemented", {{"ciso", R"("yes")"}, {"level", "4"}, {"kind", R"(["a","c"])"}, {"info", R"("x")"},
        {"beta_only", R"("yes")"}}, "beta",
       {O::kImplemented, O::kImplemented, O::kImplemented, O::kNotScored, O::kImplemented}},
      {"below the threshold and other keys", {{"ciso", R"("no")"}, {"level", "2"}, {"kind", R"(["a"])"}}, "beta",
       {O::kNotImplemented, O::kNotImplemented, O::kNotImplemented, O::kNotScored, O::kNotScored}},
      {"unanswered or 該当なし (null) do not count", {{"ciso", "null"}}, "beta",
       {O::kNotScored, O::kNotScored, O::kNotScored, O::kNotScored, O::kNotScored}},
      {"hidden by show_if does not count", {{"beta_only", R"("yes")"}}, "alpha",
       {O::kNotScored, O::kNotScored, O::kNotScored, O::kNotScored, O::kNotScored}},
  };
  for (const auto& c : cases) {
    std::map<std::string, json::value> parsed;
    for (const auto& [k, v] : c.answers) parsed[k] = json::parse(v);
    auto lookup = [&](const std::string& id) -> const json::value* {
      auto it = parsed.find(id);
      return it == parsed.end() ? nullptr : &it->second;
    };
    EXPECT_EQ(score_response(cat, body("011002", BodyType::kCity, c.model), lookup), c.expected) << c.name;
  }
}

TEST(CategoryRatios, SumsPerCategory) {
  const Catalog cat = sample_catalog();
  auto r = category_ratios(cat, {O::kImplemented, O::kNotImplemented, O::kImplemented, O::kNotScored, O::kNotScored});
  EXPECT_EQ(r[0], (Ratio{1, 2}));
  EXPECT_EQ(r[1], (Ratio{1, 1}));
  EXPECT_EQ(r[2], (Ratio{0, 0}));
  EXPECT_FALSE(r[2].rate().has_value());
  EXPECT_DOUBLE_EQ(*r[0].rate(), 0.5);
}

TEST(Aggregates, GroupsOfABody) {
  Body b = body("011002", BodyType::kDesignatedCity, "beta_prime");
  b.population_band = "ge1m";
  EXPECT_EQ(groups_of(b), (std::vector<std::string>{"national", "type:designated_city", "pref:01",
                                                     "network:beta_prime", "pop:ge1m"}));
}

TEST(Aggregates, RecountingAResponseReplacesItsContribution) {
  const Catalog cat = sample_catalog();
  Aggregates a;
  Body b = body("011002", BodyType::kCity, "beta");
  a.put(1, cat, 10, b, {O::kImplemented, O::kImplemented, O::kNotScored, O::kNotScored, O::kNotScored});
  a.put(1, cat, 10, b, {O::kNotImplemented, O::kNotScored, O::kNotScored, O::kNotScored, O::kNotScored});
  GroupFigures g = a.figures(1, "national");
  EXPECT_EQ(g.bodies, 1);
  EXPECT_EQ(g.questions[0], (Ratio{0, 1}));
  EXPECT_EQ(g.questions[1], (Ratio{0, 0}));
  EXPECT_EQ(g.categories[0], (Ratio{0, 1}));
  a.remove(1, 10);
  EXPECT_EQ(a.figures(1, "national").bodies, 0);
  EXPECT_TRUE(a.all_groups(1).empty());
  EXPECT_FALSE(a.counted(1, 10));
}

// Random bodies submit, get returned, resubmit in random order; after every step the
// incrementally kept figures must equal a recompute from the responses counted now.
TEST(Aggregates, IncrementalAgreesWithFullRecomputeOnRandomData) {
  const Catalog cat = sample_catalog();
  std::mt19937 rng(20261121);
  const BodyType types[] = {BodyType::kCity, BodyType::kTown, BodyType::kVillage, BodyType::kPrefecture};
  const char* models[] = {"alpha", "beta", "beta_prime", ""};
  std::vector<Body> bodies;
  for (int i = 0; i < 60; ++i)
    bodies.push_back(body(std::to_string(10 + i % 47) + "0000", types[rng() % 4], models[rng() % 4]));
  std::map<int64_t, std::pair<int, std::vector<Outcome>>> current;  // response → (body, outcomes)
  Aggregates incremental;
  for (int step = 0; step < 2000; ++step) {
    int64_t response = static_cast<int64_t>(rng() % bodies.size());
    int64_t campaign = 1 + static_cast<int64_t>(rng() % 2);
    int64_t key = campaign * 1000 + response;
    if (rng() % 4 == 0) {
      incremental.remove(campaign, key);
      current.erase(key);
    } else {
      std::vector<Outcome> o(cat.questions.size());
      for (auto& x : o) x = static_cast<Outcome>(rng() % 3);
      incremental.put(campaign, cat, key, bodies[static_cast<size_t>(response)], o);
      current[key] = {static_cast<int>(response), o};
    }
    if (step % 100 != 99) continue;
    Aggregates full;
    for (const auto& [k, v] : current) full.put(k / 1000, cat, k, bodies[static_cast<size_t>(v.first)], v.second);
    for (int64_t c : {1, 2}) ASSERT_EQ(incremental.all_groups(c), full.all_groups(c)) << "step " << step;
  }
}

}  // namespace
}  // namespace mamori::analytics
