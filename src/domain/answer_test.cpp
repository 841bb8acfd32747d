#include "domain/answer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mamori {
namespace {

namespace json = boost::json;

Question make_question(const std::string& id, QuestionType type, const std::vector<std::string>& option_keys = {}) {
  Question q;
  q.id = id;
  q.type = type;
  for (const auto& k : option_keys) q.options.push_back(Option{k, Text{k + "（日本語）", k}});
  return q;
}

// A catalogue holding `questions` in order, with its index filled.
Catalog make_catalog(const std::vector<Question>& questions) {
  Catalog cat;
  cat.id = "t";
  for (const auto& q : questions) {
    cat.index[q.id] = cat.questions.size();
    cat.questions.push_back(q);
  }
  return cat;
}

// ---------------------------------------------------------------------------
// validate_value

struct ValueCase {
  const char* json;  // the value as JSON text
  bool ok;
};

void expect_values(const Question& q, const std::vector<ValueCase>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(to_string(q.type)) + " " + c.json);
    Status s = validate_value(q, json::parse(c.json));
    EXPECT_EQ(s.ok(), c.ok) << s.message_en();
    if (!s.ok()) {
      EXPECT_EQ(s.error_code(), "invalid_value");
      EXPECT_TRUE(s.fields().count("value")) << "the problem is reported on the 'value' field";
    }
  }
}

TEST(ValidateValue, YesNoTakesTheStringsYesOrNo) {
  expect_values(make_question("q", QuestionType::kYesNo), {
                                                              {R"("yes")", true},
                                                              {R"("no")", true},
                                                              {R"("maybe")", false},
                                                              {R"("Yes")", false},
                                                              {R"("")", false},
                                                              {"true", false},
                                                              {"1", false},
                                                              {R"(["yes"])", false},
                                                              {"null", false},
                                                          });
}

TEST(ValidateValue, SingleTakesOneKnownOptionKey) {
  expect_values(make_question("q", QuestionType::kSingle, {"a", "b"}), {
                                                                           {R"("a")", true},
                                                                           {R"("b")", true},
                                                                           {R"("c")", false},
                                                                           {R"("")", false},
                                                                           {R"(["a"])", false},
                                                                           {"1", false},
                                                                           {"null", false},
                                                                       });
}

TEST(ValidateValue, MultiTakesANonEmptyArrayOfDistinctKnownKeys) {
  expect_values(make_question("q", QuestionType::kMulti, {"a", "b", "c"}), {
                                                                               {R"(["a"])", true},
                                                                               {R"(["c", "a"])", true},
                                                                               {R"(["a", "b", "c"])", true},
                                                                               {"[]", false},
                                                                               {R"(["a", "a"])", false},
                                                                               {R"(["d"])", false},
                                                                               {R"(["a", "d"])", false},
                                                                               {R"(["a", 1])", false},
                                                                               {R"("a")", false},
                                                                               {"null", false},
                                                                           });
}

TEST(ValidateValue, NumberStaysWithinMinAndMax) {
  Question q = make_question("q", QuestionType::kNumber);
  q.min = 1;
  q.max = 10;
  expect_values(q, {
                       {"1", true},
                       {"10", true},
                       {"5.5", true},
                       {"0", false},
                       {"0.99", false},
                       {"10.5", false},
                       {"-1", false},
                       {R"("5")", false},
                       {"true", false},
                       {"null", false},
                   });
}

TEST(ValidateValue, PercentStaysWithin0And100) {
  Question q = make_question("q", QuestionType::kPercent);
  q.min = 0;  // the parser's defaults for percent
  q.max = 100;
  expect_values(q, {
                       {"0", true},
                       {"100", true},
                       {"99.9", true},
                       {"100.5", false},
                       {"101", false},
                       {"-0.1", false},
                       {R"("50")", false},
                   });
}

TEST(ValidateValue, DateIsARealDayWrittenYyyyMmDd) {
  expect_values(make_question("q", QuestionType::kDate), {
                                                             {R"("2026-02-28")", true},
                                                             {R"("2024-02-29")", true},
                                                             {R"("2026-12-31")", true},
                                                             {R"("2026-02-30")", false},
                                                             {R"("2025-02-29")", false},
                                                             {R"("2026-13-01")", false},
                                                             {R"("2026-00-10")", false},
                                                             {R"("2026-04-00")", false},
                                                             {R"("2026-2-28")", false},
                                                             {R"("2026/02/28")", false},
                                                             {R"("26-02-28")", false},
                                                             {R"("")", false},
                                                             {"20260228", false},
                                                         });
}

TEST(ValidateValue, TextLengthIsCountedInCharactersNotBytes) {
  Question q = make_question("q", QuestionType::kText);
  q.max_length = 5;
  expect_values(q, {
                       {R"("abcde")", true},
                       {R"("abcdef")", false},
                       {R"("あいうえお")", true},  // 5 characters, 15 bytes
                       {R"("あいうえおか")", false},
                       {R"("情報a")", true},
                       {R"("")", false},  // clear the answer instead
                       {"5", false},
                       {"null", false},
                   });
}

TEST(ValidateValue, MaturityIsAnIntegerLevelFrom0To4) {
  expect_values(make_question("q", QuestionType::kMaturity), {
                                                                 {"0", true},
                                                                 {"3", true},
                                                                 {"4", true},
                                                                 {"5", false},
                                                                 {"-1", false},
                                                                 {"2.5", false},
                                                                 {R"("3")", false},
                                                                 {"null", false},
                                                             });
}

// ---------------------------------------------------------------------------
// is_visible

// Answers by question id, as parsed JSON; unanswered ids are absent.
class Answers {
 public:
  Answers(std::initializer_list<std::pair<const std::string, const char*>> values) {
    for (const auto& [id, text] : values) values_[id] = json::parse(text);
  }
  AnswerLookup lookup() const {
    return [this](const std::string& id) -> const json::value* {
      auto it = values_.find(id);
      return it == values_.end() ? nullptr : &it->second;
    };
  }

 private:
  std::map<std::string, json::value> values_;
};

Body body_with_network_model(const std::string& model) {
  Body b;
  b.code = "131016";
  b.type = BodyType::kSpecialWard;
  b.network_model = model;
  return b;
}

TEST(IsVisible, FollowsBodyAttributes) {
  Question q = make_question("q", QuestionType::kYesNo);
  q.show_if = {Clause{"body.network_model", Clause::Op::kIn, {"beta", "beta_prime"}}};
  Catalog cat = make_catalog({q});
  Answers none({});
  const std::vector<std::pair<const char*, bool>> cases = {
      {"alpha", false}, {"alpha_prime", false}, {"beta", true}, {"beta_prime", true}, {"", false},
  };
  for (const auto& [model, visible] : cases)
    EXPECT_EQ(is_visible(cat, cat.questions[0], body_with_network_model(model), none.lookup()), visible)
        << "network_model '" << model << "'";
}

TEST(IsVisible, OtherBodyAttributesAndOperators) {
  Body town = body_with_network_model("alpha");
  town.type = BodyType::kTown;
  town.core_city = false;
  town.population_band = "10k_50k";
  struct Case {
    Clause clause;
    bool visible;
  };
  const std::vector<Case> cases = {
      {Clause{"body.type", Clause::Op::kEq, {"town"}}, true},
      {Clause{"body.type", Clause::Op::kEq, {"city"}}, false},
      {Clause{"body.type", Clause::Op::kNe, {"prefecture"}}, true},
      {Clause{"body.type", Clause::Op::kNe, {"town"}}, false},
      {Clause{"body.type", Clause::Op::kIn, {"town", "village"}}, true},
      {Clause{"body.core_city", Clause::Op::kEq, {"no"}}, true},
      {Clause{"body.core_city", Clause::Op::kEq, {"yes"}}, false},
      {Clause{"body.population_band", Clause::Op::kIn, {"lt10k", "10k_50k"}}, true},
      {Clause{"body.population_band", Clause::Op::kEq, {"ge1m"}}, false},
      {Clause{"body.network_model", Clause::Op::kNe, {"beta"}}, true},
  };
  Answers none({});
  for (const auto& c : cases) {
    Question q = make_question("q", QuestionType::kYesNo);
    q.show_if = {c.clause};
    Catalog cat = make_catalog({q});
    EXPECT_EQ(is_visible(cat, cat.questions[0], town, none.lookup()), c.visible)
        << c.clause.subject << " " << static_cast<int>(c.clause.op) << " " << c.clause.values[0];
  }
}

TEST(IsVisible, FollowsAnswersToOtherQuestions) {
  // Targets: a yes_no, a single, a multi and a maturity question, all shown.
  const std::vector<Question> targets = {
      make_question("yn", QuestionType::kYesNo),
      make_question("kind", QuestionType::kSingle, {"a", "b", "c"}),
      make_question("tools", QuestionType::kMulti, {"x", "y", "z"}),
      make_question("level", QuestionType::kMaturity),
  };
  struct Case {
    Clause clause;
    const char* target;
    const char* answer;  // JSON, or nullptr for unanswered
    bool visible;
  };
  const std::vector<Case> cases = {
      {Clause{"q:yn", Clause::Op::kEq, {"yes"}}, "yn", R"("yes")", true},
      {Clause{"q:yn", Clause::Op::kEq, {"yes"}}, "yn", R"("no")", false},
      {Clause{"q:yn", Clause::Op::kEq, {"yes"}}, "yn", nullptr, false},
      {Clause{"q:yn", Clause::Op::kNe, {"yes"}}, "yn", R"("no")", true},
      {Clause{"q:yn", Clause::Op::kNe, {"yes"}}, "yn", R"("yes")", false},
      {Clause{"q:kind", Clause::Op::kEq, {"b"}}, "kind", R"("b")", true},
      {Clause{"q:kind", Clause::Op::kIn, {"a", "b"}}, "kind", R"("b")", true},
      {Clause{"q:kind", Clause::Op::kIn, {"a", "b"}}, "kind", R"("c")", false},
      {Clause{"q:kind", Clause::Op::kIn, {"a", "b"}}, "kind", nullptr, false},
      {Clause{"q:kind", Clause::Op::kNe, {"c"}}, "kind", R"("a")", true},
      {Clause{"q:tools", Clause::Op::kHas, {"y"}}, "tools", R"(["x", "y"])", true},
      {Clause{"q:tools", Clause::Op::kHas, {"y"}}, "tools", R"(["y"])", true},
      {Clause{"q:tools", Clause::Op::kHas, {"y"}}, "tools", R"(["x", "z"])", false},
      {Clause{"q:tools", Clause::Op::kHas, {"y"}}, "tools", nullptr, false},
      {Clause{"q:level", Clause::Op::kIn, {"3", "4"}}, "level", "3", true},
      {Clause{"q:level", Clause::Op::kIn, {"3", "4"}}, "level", "2", false},
  };
  Body body = body_with_network_model("beta");
  for (const auto& c : cases) {
    std::vector<Question> qs = targets;
    Question q = make_question("shown", QuestionType::kYesNo);
    q.show_if = {c.clause};
    qs.push_back(q);
    Catalog cat = make_catalog(qs);
    std::map<std::string, json::value> answers;
    if (c.answer) answers[c.target] = json::parse(c.answer);
    AnswerLookup lookup = [&](const std::string& id) -> const json::value* {
      auto it = answers.find(id);
      return it == answers.end() ? nullptr : &it->second;
    };
    EXPECT_EQ(is_visible(cat, cat.questions.back(), body, lookup), c.visible)
        << c.clause.subject << " op " << static_cast<int>(c.clause.op) << " " << c.clause.values[0] << " with "
        << (c.answer ? c.answer : "no answer");
  }
}

TEST(IsVisible, AllClausesMustHold) {
  Question cloud = make_question("cloud", QuestionType::kYesNo);
  Question kind = make_question("kind", QuestionType::kMulti, {"saas", "iaas"});
  Question q = make_question("q", QuestionType::kYesNo);
  q.show_if = {Clause{"q:cloud", Clause::Op::kEq, {"yes"}}, Clause{"q:kind", Clause::Op::kHas, {"saas"}}};
  Catalog cat = make_catalog({cloud, kind, q});
  Body body = body_with_network_model("beta");
  Answers both({{"cloud", R"("yes")"}, {"kind", R"(["iaas", "saas"])"}});
  Answers first_only({{"cloud", R"("yes")"}, {"kind", R"(["iaas"])"}});
  Answers second_only({{"cloud", R"("no")"}, {"kind", R"(["saas"])"}});
  EXPECT_TRUE(is_visible(cat, cat.questions[2], body, both.lookup()));
  EXPECT_FALSE(is_visible(cat, cat.questions[2], body, first_only.lookup()));
  EXPECT_FALSE(is_visible(cat, cat.questions[2], body, second_only.lookup()));
}

TEST(IsVisible, AQuestionWithoutConditionsIsAlwaysShown) {
  Question q = make_question("q", QuestionType::kYesNo);
  Catalog cat = make_catalog({q});
  Answers none({});
  EXPECT_TRUE(is_visible(cat, cat.questions[0], body_with_network_model(""), none.lookup()));
}

TEST(IsVisible, AConditionOnAHiddenQuestionIsFalse) {
  // cloud is only asked of beta bodies; eq and ne depend on cloud; chain depends on eq.
  Question cloud = make_question("cloud", QuestionType::kYesNo);
  cloud.show_if = {Clause{"body.network_model", Clause::Op::kEq, {"beta"}}};
  Question eq = make_question("eq", QuestionType::kYesNo);
  eq.show_if = {Clause{"q:cloud", Clause::Op::kEq, {"yes"}}};
  Question ne = make_question("ne", QuestionType::kYesNo);
  ne.show_if = {Clause{"q:cloud", Clause::Op::kNe, {"yes"}}};
  Question chain = make_question("chain", QuestionType::kYesNo);
  chain.show_if = {Clause{"q:eq", Clause::Op::kNe, {"no"}}};
  Catalog cat = make_catalog({cloud, eq, ne, chain});
  auto visible = [&](const char* id, const Body& body, const Answers& answers) {
    return is_visible(cat, *cat.find(id), body, answers.lookup());
  };
  Body beta = body_with_network_model("beta");
  Body alpha = body_with_network_model("alpha");
  // A stale answer left on the hidden question does not count.
  Answers cloud_yes({{"cloud", R"("yes")"}, {"eq", R"("yes")"}});
  Answers cloud_no({{"cloud", R"("no")"}});

  EXPECT_TRUE(visible("cloud", beta, cloud_yes));
  EXPECT_TRUE(visible("eq", beta, cloud_yes));
  EXPECT_TRUE(visible("chain", beta, cloud_yes));
  EXPECT_TRUE(visible("ne", beta, cloud_no));

  EXPECT_FALSE(visible("cloud", alpha, cloud_yes));
  EXPECT_FALSE(visible("eq", alpha, cloud_yes));
  EXPECT_FALSE(visible("ne", alpha, cloud_no)) << "!= on a hidden question is false too";
  EXPECT_FALSE(visible("chain", alpha, cloud_yes)) << "hidden through a hidden question";
}

// ---------------------------------------------------------------------------
// is_implemented

TEST(IsImplemented, FollowsTheQuestionsRule) {
  Question yes_no = make_question("yn", QuestionType::kYesNo);
  yes_no.implemented = Implemented{true, {"yes"}, std::nullopt};
  Question single = make_question("s", QuestionType::kSingle, {"a", "b", "c"});
  single.implemented = Implemented{true, {"a", "b"}, std::nullopt};
  Question multi = make_question("m", QuestionType::kMulti, {"a", "b", "c"});
  multi.implemented = Implemented{true, {"a"}, std::nullopt};
  Question maturity = make_question("l", QuestionType::kMaturity);
  maturity.implemented = Implemented{true, {}, 3.0};
  Question percent = make_question("p", QuestionType::kPercent);
  percent.implemented = Implemented{true, {}, 80.0};
  Question no_rule = make_question("n", QuestionType::kYesNo);

  struct Case {
    const Question* q;
    const char* value;
    bool implemented;
  };
  const std::vector<Case> cases = {
      {&yes_no, R"("yes")", true}, {&yes_no, R"("no")", false},      {&single, R"("a")", true},
      {&single, R"("b")", true},   {&single, R"("c")", false},       {&multi, R"(["c", "a"])", true},
      {&multi, R"(["a"])", true},  {&multi, R"(["b", "c"])", false}, {&maturity, "2", false},
      {&maturity, "3", true},      {&maturity, "4", true},           {&percent, "79.9", false},
      {&percent, "80", true},      {&no_rule, R"("yes")", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(is_implemented(*c.q, json::parse(c.value)), c.implemented)
        << to_string(c.q->type) << " " << c.q->id << " = " << c.value;
}

// ---------------------------------------------------------------------------
// carry_over

// Last year's catalogue and answers.
struct LastYear {
  Catalog catalog = make_catalog({
      make_question("yn", QuestionType::kYesNo),
      make_question("yn2", QuestionType::kYesNo),
      make_question("yn3", QuestionType::kYesNo),
      make_question("sel", QuestionType::kSingle, {"a", "b", "c"}),
      make_question("tools", QuestionType::kMulti, {"x", "y", "z"}),
      make_question("unanswered", QuestionType::kYesNo),
  });
  std::map<std::string, json::value> answers;

  std::function<const json::value*(const std::string&)> lookup() const {
    return [this](const std::string& id) -> const json::value* {
      auto it = answers.find(id);
      return it == answers.end() ? nullptr : &it->second;
    };
  }
};

Question with_lineage(Question q, LineageKind kind, std::vector<std::string> from) {
  q.lineage = Lineage{kind, std::move(from)};
  return q;
}

TEST(CarryOver, SameAndRewordedCopyTheValueAsCarriedOver) {
  LastYear last;
  last.answers["yn"] = "yes";
  last.answers["tools"] = json::parse(R"(["z", "x"])");
  struct Case {
    Question q;
    json::value want;
  };
  const std::vector<Case> cases = {
      {with_lineage(make_question("n", QuestionType::kYesNo), LineageKind::kSame, {"yn"}), "yes"},
      {with_lineage(make_question("n", QuestionType::kYesNo), LineageKind::kReworded, {"yn"}), "yes"},
      // Carried in the new question's option order, so re-saving the same choices confirms them.
      {with_lineage(make_question("n", QuestionType::kMulti, {"x", "y", "z"}), LineageKind::kSame, {"tools"}),
       json::parse(R"(["x", "z"])")},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(to_string(c.q.lineage.kind)) + " " + c.q.lineage.from[0]);
    CarriedValue cv = carry_over(c.q, last.catalog, last.lookup());
    ASSERT_TRUE(cv.value.has_value());
    EXPECT_EQ(*cv.value, c.want);
    ASSERT_TRUE(cv.previous.has_value());
    EXPECT_EQ(*cv.previous, c.want);
    EXPECT_EQ(cv.state, AnswerState::kCarriedOver);
    EXPECT_FALSE(cv.needs_confirmation);
  }
}

TEST(CarryOver, SplitGivesTheOldValueToEachNewQuestion) {
  LastYear last;
  last.answers["sel"] = "b";
  Question first =
      with_lineage(make_question("n1", QuestionType::kSingle, {"a", "b", "c"}), LineageKind::kSplit, {"sel"});
  Question second = with_lineage(make_question("n2", QuestionType::kSingle, {"b", "d"}), LineageKind::kSplit, {"sel"});
  for (const Question* q : {&first, &second}) {
    CarriedValue cv = carry_over(*q, last.catalog, last.lookup());
    ASSERT_TRUE(cv.value.has_value()) << q->id;
    EXPECT_EQ(*cv.value, json::value("b")) << q->id;
    EXPECT_EQ(cv.state, AnswerState::kCarriedOver) << q->id;
    EXPECT_FALSE(cv.needs_confirmation) << q->id;
  }
}

TEST(CarryOver, MergedWithEqualValuesIsPrefilled) {
  LastYear last;
  last.answers["yn"] = "yes";
  last.answers["yn2"] = "yes";
  last.answers["yn3"] = "yes";
  Question q = with_lineage(make_question("n", QuestionType::kYesNo), LineageKind::kMerged, {"yn", "yn2", "yn3"});
  CarriedValue cv = carry_over(q, last.catalog, last.lookup());
  ASSERT_TRUE(cv.value.has_value());
  EXPECT_EQ(*cv.value, json::value("yes"));
  EXPECT_EQ(cv.state, AnswerState::kCarriedOver);
  EXPECT_FALSE(cv.needs_confirmation);
}

TEST(CarryOver, MergedWithDifferingValuesNeedsConfirmationAndHasNoValue) {
  LastYear last;
  last.answers["yn"] = "yes";
  last.answers["yn2"] = "no";
  Question q = with_lineage(make_question("n", QuestionType::kYesNo), LineageKind::kMerged, {"yn", "yn2"});
  CarriedValue cv = carry_over(q, last.catalog, last.lookup());
  EXPECT_FALSE(cv.value.has_value());
  EXPECT_TRUE(cv.needs_confirmation);
}

TEST(CarryOver, MergedWithoutOldAnswersIsNew) {
  LastYear last;
  Question q = with_lineage(make_question("n", QuestionType::kYesNo), LineageKind::kMerged, {"yn", "unanswered"});
  CarriedValue cv = carry_over(q, last.catalog, last.lookup());
  EXPECT_FALSE(cv.value.has_value());
  EXPECT_FALSE(cv.previous.has_value());
  EXPECT_EQ(cv.state, AnswerState::kNew);
  EXPECT_FALSE(cv.needs_confirmation);
}

TEST(CarryOver, NewQuestionsAndUnansweredOnesStartEmpty) {
  LastYear last;
  last.answers["yn"] = "yes";
  const std::vector<Question> cases = {
      with_lineage(make_question("n", QuestionType::kYesNo), LineageKind::kNew, {}),
      with_lineage(make_question("n", QuestionType::kYesNo), LineageKind::kSame, {"unanswered"}),
      with_lineage(make_question("n", QuestionType::kYesNo), LineageKind::kSplit, {"unanswered"}),
  };
  for (const auto& q : cases) {
    CarriedValue cv = carry_over(q, last.catalog, last.lookup());
    EXPECT_FALSE(cv.value.has_value()) << to_string(q.lineage.kind);
    EXPECT_FALSE(cv.previous.has_value()) << to_string(q.lineage.kind);
    EXPECT_EQ(cv.state, AnswerState::kNew) << to_string(q.lineage.kind);
    EXPECT_FALSE(cv.needs_confirmation) << to_string(q.lineage.kind);
  }
}

TEST(CarryOver, AValueWhoseTypeNoLongerMatchesDoesNotCarry) {
  LastYear last;
  last.answers["yn"] = "yes";
  // Now a single choice; even an option keyed "yes" does not make the old yes_no value fit.
  Question q =
      with_lineage(make_question("n", QuestionType::kSingle, {"yes", "no", "partly"}), LineageKind::kSame, {"yn"});
  CarriedValue cv = carry_over(q, last.catalog, last.lookup());
  EXPECT_FALSE(cv.value.has_value());
  EXPECT_EQ(cv.state, AnswerState::kNew);
}

TEST(CarryOver, AnOptionKeyThatNoLongerExistsDoesNotCarry) {
  struct Case {
    QuestionType type;
    const char* old_id;
    const char* old_value;
    bool carries;
  };
  // The new questions keep options a, b (single) and x, y (multi): c and z are gone.
  const std::vector<Case> cases = {
      {QuestionType::kSingle, "sel", R"("a")", true},
      {QuestionType::kSingle, "sel", R"("c")", false},
      {QuestionType::kMulti, "tools", R"(["x", "y"])", true},
      {QuestionType::kMulti, "tools", R"(["x", "z"])", false},
  };
  for (const auto& c : cases) {
    LastYear last;
    last.answers[c.old_id] = json::parse(c.old_value);
    std::vector<std::string> keys =
        c.type == QuestionType::kSingle ? std::vector<std::string>{"a", "b"} : std::vector<std::string>{"x", "y"};
    Question q = with_lineage(make_question("n", c.type, keys), LineageKind::kSame, {c.old_id});
    CarriedValue cv = carry_over(q, last.catalog, last.lookup());
    EXPECT_EQ(cv.value.has_value(), c.carries) << c.old_value;
    EXPECT_EQ(cv.state, c.carries ? AnswerState::kCarriedOver : AnswerState::kNew) << c.old_value;
    // Last year's answer is still there to show, carried or not.
    ASSERT_TRUE(cv.previous.has_value()) << c.old_value;
    EXPECT_EQ(*cv.previous, json::parse(c.old_value)) << c.old_value;
  }
}

// ---------------------------------------------------------------------------
// state_after_save

TEST(StateAfterSave, ComparesWithLastYearsValue) {
  struct Case {
    const char* value;     // JSON, nullptr: cleared
    const char* previous;  // JSON, nullptr: no value last year
    AnswerState want;
  };
  const std::vector<Case> cases = {
      {R"("yes")", nullptr, AnswerState::kNew},
      {nullptr, nullptr, AnswerState::kNew},
      {R"("yes")", R"("yes")", AnswerState::kConfirmed},
      {"3", "3", AnswerState::kConfirmed},
      {R"(["a", "b"])", R"(["a", "b"])", AnswerState::kConfirmed},
      {R"("no")", R"("yes")", AnswerState::kChanged},
      {"4", "3", AnswerState::kChanged},
      {nullptr, R"("yes")", AnswerState::kChanged},
  };
  auto opt = [](const char* text) { return text ? std::optional<json::value>(json::parse(text)) : std::nullopt; };
  for (const auto& c : cases)
    EXPECT_EQ(state_after_save(opt(c.value), opt(c.previous)), c.want)
        << (c.value ? c.value : "(cleared)") << " after " << (c.previous ? c.previous : "(none)") << ": got "
        << to_string(state_after_save(opt(c.value), opt(c.previous)));
}

}  // namespace
}  // namespace mamori
