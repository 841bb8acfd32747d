// The reuse contract (ports/reuse.h): what the SQL stores do with a save's fan-out, a
// campaign opened with reused values, and a person's decision — on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "store/store_contract.h"

namespace mamori::store {
namespace {

const std::string kQ1 = "q1", kQ2 = "q2";

ports::AnswerUpdate value(const std::string& v) { return ports::AnswerUpdate{.value_json = v, .state = "changed"}; }

std::optional<std::string> same(const std::optional<std::string>& v) { return v; }

// A route from q2 of catalogue "mic" to q2 of catalogue "ppc" (equal) and q1 of "ppc" (subset),
// both through measure "m".
std::shared_ptr<const ports::ReuseRoute> route() {
  auto r = std::make_shared<ports::ReuseRoute>();
  r->measure_id = "m";
  r->to_measure = same;
  r->by_catalog["ppc"] = {ports::ReuseItemTarget{kQ2, Relation::kEqual, same},
                          ports::ReuseItemTarget{kQ1, Relation::kSubset, same}};
  return r;
}

}  // namespace

// Two open surveys of FY2026 for 札幌市 and 函館市: MIC's ("mic") and PPC's ("ppc"), with q1
// ("yes" carried over) and q2 (new). Response ids: MIC 1 (札幌市) and 2; PPC 3 (札幌市) and 4.
void ReuseContract::SetUp() {
  StoreContract::SetUp();
  if (HasFatalFailure() || IsSkipped()) return;
  add_bodies();
  user_ = add_user("r1", "011002", Role::kBodyRespondent);
  for (const char* catalog : {"mic", "ppc"}) {
    auto id = store().campaigns().create_campaign(Campaign{.title = catalog, .fiscal_year = 2026, .catalog_id = catalog,
                                                           .opens_at = "2026-10-01", .closes_at = "2027-01-29",
                                                           .targets = {"011002", "012025"}});
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(store()
                    .campaigns()
                    .open_campaign(
                        *id, {1},
                        [](const std::string&, std::vector<ports::OpeningAnswer>& rows) {
                          rows.push_back({&kQ1, std::string("\"yes\""), std::string("\"yes\""), "carried_over", false});
                          rows.push_back({&kQ2, std::nullopt, std::nullopt, "new", false});
                        },
                        {})
                    .ok());
  }
}

Result<ports::SaveOutcome> ReuseContract::save(int64_t response, const std::string& q, const std::string& v) {
  auto ctx = *store().responses().load_context(response);
  auto a = *store().responses().get_answer(response, q);
  auto f = std::make_shared<const ports::ReuseFanout>(ports::ReuseFanout{"011002", 2026, route()});
  return store().responses().save_answer(response, q, ctx.response.revision, a.version,
                                         [v](const AnswerRecord&) { return value(v); }, user_, f);
}

std::optional<ReuseMark> ReuseContract::mark(int64_t response, const std::string& q) {
  auto all = store().reuse().reuse_of(response);
  EXPECT_TRUE(all.ok());
  auto it = all->find(q);
  return it == all->end() ? std::nullopt : std::optional<ReuseMark>(it->second.mark);
}

namespace {

TEST_P(ReuseContract, ASaveFillsTheEqualItemAndProposesThePartialOneInTheSameWrite) {
  ASSERT_TRUE(save(1, kQ2, "\"no\"").ok());
  auto given = store().reuse().measure_answers(2026);
  ASSERT_TRUE(given.ok());
  const ports::MeasureAnswer& m = (*given)["011002"].at("m");
  EXPECT_EQ(m.value_json, std::optional<std::string>("\"no\""));
  EXPECT_EQ(m.revision, 1);
  EXPECT_EQ(m.source_response_id, 1);
  EXPECT_EQ(m.source_catalog_id, "mic");
  EXPECT_EQ(m.given_by_name, "r1 さん");
  // PPC's equal item took the value, with a history row that says why.
  auto filled = store().responses().get_answer(3, kQ2);
  EXPECT_EQ(filled->value_json, std::optional<std::string>("\"no\""));
  EXPECT_EQ(filled->version, 1);
  auto history = store().responses().history(3, kQ2);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].note, "reuse:1:q2");
  EXPECT_EQ(mark(3, kQ2)->state, ReuseState::kFilled);
  // The partial item keeps its own value ("yes", carried over) and gets a proposal.
  EXPECT_EQ(store().responses().get_answer(3, kQ1)->value_json, std::optional<std::string>("\"yes\""));
  EXPECT_EQ(mark(3, kQ1)->state, ReuseState::kProposed);
  EXPECT_EQ(mark(3, kQ1)->candidate, std::optional<std::string>("\"no\""));
  // 函館市's PPC response is another body's: untouched.
  EXPECT_FALSE(store().responses().get_answer(4, kQ2)->value_json.has_value());
  // Saving the same value again changes nothing elsewhere.
  ASSERT_TRUE(save(1, kQ2, "\"no\"").ok());
  EXPECT_EQ((*store().reuse().measure_answers(2026))["011002"].at("m").revision, 1);
  EXPECT_EQ(store().responses().get_answer(3, kQ2)->version, 1);
}

TEST_P(ReuseContract, AResponseClosedToChangesIsLeftAsItIs) {
  ASSERT_TRUE(store().responses().transition(3, ResponseState::kDraft, ResponseState::kReadyForReview, user_, "request_review", "", {}).ok());
  ASSERT_TRUE(save(1, kQ2, "\"no\"").ok());
  EXPECT_FALSE(store().responses().get_answer(3, kQ2)->value_json.has_value());
  EXPECT_FALSE(mark(3, kQ2).has_value());
}

TEST_P(ReuseContract, APersonDecidesAnOfferOnceAndAStaleDecisionIsRefusedWithTheValueAsItIs) {
  ASSERT_TRUE(save(1, kQ2, "\"no\"").ok());
  auto rev = [&] { return store().responses().get_response(3)->revision; };
  // Nothing offered on q2 to decide (it was filled), and the offer on q1 moved on meanwhile.
  ASSERT_TRUE(save(1, kQ2, "\"yes\"").ok());  // revision 2: q1's offer is now "yes" = its own value
  ASSERT_TRUE(save(1, kQ2, "\"no\"").ok());   // revision 3
  auto stale = store().reuse().decide({3, kQ1, true, 1, rev(), user_});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().error_code(), "reuse_changed");
  EXPECT_EQ(store().responses().get_answer(3, kQ1)->value_json, std::optional<std::string>("\"yes\""));
  auto taken = store().reuse().decide({3, kQ1, true, 3, rev(), user_});
  ASSERT_TRUE(taken.ok()) << taken.status().message_en();
  EXPECT_EQ(taken->value_json, std::optional<std::string>("\"no\""));
  EXPECT_EQ(mark(3, kQ1)->state, ReuseState::kConfirmed);
  EXPECT_EQ((*store().reuse().measure_answers(2026))["011002"].at("m").confirmed_by, std::optional<int64_t>(user_));
  auto again = store().reuse().decide({3, kQ1, false, 3, rev(), user_});
  EXPECT_EQ(again.status().error_code(), "reuse_not_found") << "decided already";
  auto wrong_revision = store().reuse().decide({3, kQ2, true, 3, rev() - 1, user_});
  EXPECT_EQ(wrong_revision.status().error_code(), "state_changed");
}

TEST_P(ReuseContract, RejectingKeepsTheAnswerAndTheCountsSayWhatWasFilled) {
  ASSERT_TRUE(save(1, kQ2, "\"no\"").ok());
  const int64_t rev = store().responses().get_response(3)->revision;
  ASSERT_TRUE(store().reuse().decide({3, kQ1, false, 1, rev, user_}).ok());
  EXPECT_EQ(store().responses().get_answer(3, kQ1)->value_json, std::optional<std::string>("\"yes\""));
  EXPECT_EQ(mark(3, kQ1)->state, ReuseState::kRejected);
  auto counts = store().reuse().counts(2);  // PPC's campaign
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)[3].filled, 1);
  EXPECT_EQ((*counts)[3].waiting, 0);
  EXPECT_EQ(*store().reuse().entries_saved(), 1);
}

TEST_P(ReuseContract, ACampaignOpensWithTheMarksItsRowsCarry) {
  auto id = store().campaigns().create_campaign(Campaign{.title = "nco", .fiscal_year = 2026, .catalog_id = "nco",
                                                         .opens_at = "2026-10-01", .closes_at = "2027-01-29",
                                                         .targets = {"011002"}});
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store()
                  .campaigns()
                  .open_campaign(
                      *id, {1},
                      [](const std::string&, std::vector<ports::OpeningAnswer>& rows) {
                        ports::OpeningAnswer row{&kQ2, std::string("\"no\""), std::nullopt, "new", false};
                        row.reuse = ReuseMark{"m", Relation::kEqual, ReuseState::kFilled, "\"no\"", 4, true};
                        rows.push_back(row);
                      },
                      {})
                  .ok());
  auto r = store().responses().find_response(*id, "011002");
  ASSERT_TRUE(r.ok());
  auto m = mark(r->id, kQ2);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->measure_revision, 4);
  EXPECT_TRUE(m->answer_follows);
}

}  // namespace
}  // namespace mamori::store
