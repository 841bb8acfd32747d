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
// is_visible: tests/cases/show_if.json, read by show_if_cases_test.cpp and the browser's tests.

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
