// The reuse rules: what an item of another survey becomes when the measure's value changes.
#include "domain/reuse.h"

#include <gtest/gtest.h>

namespace mamori {
namespace {

AnswerRecord answer(std::optional<std::string> value, std::string state = "new") {
  AnswerRecord a;
  a.question_id = "ppc-q";
  a.value_json = std::move(value);
  a.state = std::move(state);
  return a;
}

TEST(Reuse, AnEqualItemNobodyAnsweredTakesTheValueAtOnce) {
  ReuseDecision d = decide_reuse(Relation::kEqual, "org.ciso", answer(std::nullopt), std::nullopt, "\"yes\"", 1);
  ASSERT_TRUE(d.answer.has_value());
  EXPECT_EQ(*d.answer, std::optional<std::string>("\"yes\""));
  EXPECT_EQ(d.mark.state, ReuseState::kFilled);
  EXPECT_TRUE(d.mark.answer_follows);
  EXPECT_EQ(d.mark.measure_revision, 1);
}

TEST(Reuse, LastYearsUnconfirmedValueGivesWayToThisYearsAnswer) {
  ReuseDecision d = decide_reuse(Relation::kEqual, "org.ciso", answer("\"no\"", "carried_over"), std::nullopt, "\"yes\"", 1);
  ASSERT_TRUE(d.answer.has_value());
  EXPECT_EQ(d.mark.state, ReuseState::kFilled);
}

TEST(Reuse, AFilledItemFollowsALaterChangeAndIsMarkedForRecheck) {
  ReuseDecision first = decide_reuse(Relation::kEqual, "m", answer(std::nullopt), std::nullopt, "\"yes\"", 1);
  ReuseDecision later = decide_reuse(Relation::kEqual, "m", answer("\"yes\""), first.mark, "\"no\"", 2);
  ASSERT_TRUE(later.answer.has_value());
  EXPECT_EQ(*later.answer, std::optional<std::string>("\"no\""));
  EXPECT_EQ(later.mark.state, ReuseState::kRecheck);
  EXPECT_TRUE(later.mark.answer_follows);
}

TEST(Reuse, AValueAPersonGaveHereIsNeverOverwritten) {
  // Typed here, no mark.
  ReuseDecision typed = decide_reuse(Relation::kEqual, "m", answer("\"no\"", "changed"), std::nullopt, "\"yes\"", 3);
  EXPECT_FALSE(typed.answer.has_value());
  EXPECT_EQ(typed.mark.state, ReuseState::kRecheck);
  EXPECT_EQ(typed.mark.candidate, std::optional<std::string>("\"yes\""));
  // Filled, then confirmed by a person here, then the source changes.
  ReuseMark confirmed =
      *after_person_save(decide_reuse(Relation::kEqual, "m", answer(std::nullopt), std::nullopt, "\"yes\"", 1).mark, "\"yes\"");
  ReuseDecision later = decide_reuse(Relation::kEqual, "m", answer("\"yes\""), confirmed, "\"no\"", 2);
  EXPECT_FALSE(later.answer.has_value());
  EXPECT_EQ(later.mark.state, ReuseState::kRecheck);
  // 該当なし is a person's answer too.
  AnswerRecord na = answer(std::nullopt);
  na.not_applicable = true;
  EXPECT_FALSE(decide_reuse(Relation::kEqual, "m", na, std::nullopt, "\"yes\"", 1).answer.has_value());
}

TEST(Reuse, APartialRelationOnlyProposes) {
  for (Relation r : {Relation::kSubset, Relation::kSuperset, Relation::kIntersect}) {
    ReuseDecision d = decide_reuse(r, "m", answer(std::nullopt), std::nullopt, "\"yes\"", 1);
    EXPECT_FALSE(d.answer.has_value()) << to_string(r);
    EXPECT_EQ(d.mark.state, ReuseState::kProposed) << to_string(r);
    // A newer value while still waiting: still a proposal, with the new value.
    ReuseDecision again = decide_reuse(r, "m", answer(std::nullopt), d.mark, "\"no\"", 2);
    EXPECT_EQ(again.mark.state, ReuseState::kProposed);
    EXPECT_EQ(again.mark.candidate, std::optional<std::string>("\"no\""));
  }
  // Decided by a person, then the source changes: recheck.
  ReuseMark rejected{"m", Relation::kSubset, ReuseState::kRejected, "\"yes\"", 1, false};
  EXPECT_EQ(decide_reuse(Relation::kSubset, "m", answer("\"no\""), rejected, "\"no\"", 2).mark.state,
            ReuseState::kConfirmed)
      << "the new value is the person's own: nothing to check";
  EXPECT_EQ(decide_reuse(Relation::kSubset, "m", answer("\"no\"", "changed"), rejected, "\"yes\"", 3).mark.state,
            ReuseState::kRecheck);
}

TEST(Reuse, AnEqualValueNeedsNoCheck) {
  EXPECT_EQ(decide_reuse(Relation::kEqual, "m", answer("3", "changed"), std::nullopt, "3.0", 1).mark.state,
            ReuseState::kConfirmed);
  EXPECT_EQ(decide_reuse(Relation::kSubset, "m", answer("\"yes\"", "carried_over"), std::nullopt, "\"yes\"", 1).mark.state,
            ReuseState::kFilled);
}

TEST(Reuse, AClearedSourceLeavesTheValueAndAsksForARecheck) {
  ReuseDecision filled = decide_reuse(Relation::kEqual, "m", answer(std::nullopt), std::nullopt, "\"yes\"", 1);
  ReuseDecision cleared = decide_reuse(Relation::kEqual, "m", answer("\"yes\""), filled.mark, std::nullopt, 2);
  EXPECT_FALSE(cleared.answer.has_value());
  EXPECT_EQ(cleared.mark.state, ReuseState::kRecheck);
}

TEST(Reuse, APersonsSaveConfirmsTheOfferedValueOrMakesTheItemASource) {
  ReuseMark filled = decide_reuse(Relation::kEqual, "m", answer(std::nullopt), std::nullopt, "\"yes\"", 1).mark;
  auto same = after_person_save(filled, "\"yes\"");
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->state, ReuseState::kConfirmed);
  EXPECT_FALSE(same->answer_follows);
  EXPECT_FALSE(after_person_save(filled, "\"no\"").has_value());
  EXPECT_FALSE(after_person_save(filled, std::nullopt).has_value());
}

}  // namespace
}  // namespace mamori
