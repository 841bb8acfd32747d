// Who sees which group figures (disclosure.h), as a table of viewers × groups × campaign
// states: MIC sees every group of 5 or more, live; others only closed campaigns, groups with
// at least 5 bodies they cannot read (or none), and never a national complement of 1–4.
#include "domain/disclosure.h"

#include <gtest/gtest.h>

namespace mamori::analytics {
namespace {

Body body(std::string code, BodyType type) {
  Body b;
  b.code = std::move(code);
  b.type = type;
  return b;
}

class DisclosureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Question q;
    q.id = "q";
    q.category = 1;
    q.implemented = Implemented{true, {"yes"}, std::nullopt};
    cat_.questions.push_back(q);
    cat_.index["q"] = 0;
    campaign_.id = 1;
    campaign_.state = CampaignState::kClosed;
    // Prefecture 01: 9 towns and 3 villages; prefecture 02: 20 cities.
    int64_t id = 0;
    for (int i = 0; i < 9; ++i) add(++id, "01" + std::to_string(1000 + i), BodyType::kTown);
    for (int i = 0; i < 3; ++i) add(++id, "01" + std::to_string(2000 + i), BodyType::kVillage);
    for (int i = 0; i < 20; ++i) add(++id, "02" + std::to_string(3000 + i), BodyType::kCity);
  }
  void add(int64_t id, const std::string& code, BodyType type) {
    agg_.put(1, cat_, id, body(code, type), {Outcome::kImplemented});
  }
  Withheld w(const Viewer& v, const std::string& group) {
    return withheld(v, campaign_, agg_, group, agg_.figures(1, group));
  }
  Catalog cat_;
  Campaign campaign_;
  Aggregates agg_;
};

const Viewer kMic{.sees_everything = true, .can_read = {}};
const Viewer kOneTown{.sees_everything = false, .can_read = [](const std::string& c) { return c == "011000"; }};
const Viewer kPrefecture01{.sees_everything = false, .can_read = [](const std::string& c) { return c.rfind("01", 0) == 0; }};
const Viewer kAllButThreeCities{.sees_everything = false,
                                .can_read = [](const std::string& c) { return c.rfind("02", 0) == 0 && c < "023017"; }};

TEST_F(DisclosureTest, SmallGroupsAreHiddenFromEveryone) {
  EXPECT_EQ(w(kMic, "type:village"), Withheld::kSmallGroup);
  EXPECT_EQ(w(kOneTown, "type:village"), Withheld::kSmallGroup);
  EXPECT_EQ(w(kMic, "type:town"), Withheld::kNo);
}

TEST_F(DisclosureTest, OpenCampaignsAreLiveForMicOnly) {
  campaign_.state = CampaignState::kOpen;
  EXPECT_EQ(w(kMic, "national"), Withheld::kNo);
  EXPECT_EQ(w(kOneTown, "national"), Withheld::kOpenCampaign);
  EXPECT_EQ(w(kPrefecture01, "pref:01"), Withheld::kOpenCampaign);
}

TEST_F(DisclosureTest, TheViewersOwnBodiesDoNotCountTowardTheFive) {
  // 9 towns: a town sees 8 others. Prefecture 01 reads all 12 of pref:01 (nothing new: shown)
  // and all 9 towns of type:town (shown), while a supporter reading 17 of 20 cities would
  // learn the other 3 from type:city.
  EXPECT_EQ(w(kOneTown, "type:town"), Withheld::kNo);
  EXPECT_EQ(w(kPrefecture01, "pref:01"), Withheld::kNo);
  EXPECT_EQ(w(kPrefecture01, "type:town"), Withheld::kNo);
  EXPECT_EQ(w(kAllButThreeCities, "type:city"), Withheld::kSmallGroup);
  EXPECT_EQ(w(kAllButThreeCities, "national"), Withheld::kNo);  // 12 unknown bodies outside
}

TEST_F(DisclosureTest, ANationalComplementOfOneToFourHidesTheGroup) {
  // national (32) − pref:02 (20) = 12: fine. Make a group of all but 3 bodies.
  Aggregates big;
  for (int i = 0; i < 10; ++i) big.put(1, cat_, i + 1, body("03" + std::to_string(1000 + i), BodyType::kCity), {Outcome::kImplemented});
  for (int i = 0; i < 3; ++i) big.put(1, cat_, i + 100, body("04" + std::to_string(1000 + i), BodyType::kCity), {Outcome::kImplemented});
  EXPECT_EQ(withheld(kOneTown, campaign_, big, "pref:03", big.figures(1, "pref:03")), Withheld::kSmallGroup);
  EXPECT_EQ(withheld(kOneTown, campaign_, big, "type:city", big.figures(1, "type:city")), Withheld::kNo);  // = national
  EXPECT_EQ(withheld(kMic, campaign_, big, "pref:03", big.figures(1, "pref:03")), Withheld::kNo);
  EXPECT_EQ(w(kOneTown, "pref:02"), Withheld::kNo);
}

TEST_F(DisclosureTest, TheComplementCountsOnlyBodiesTheViewerCannotRead) {
  // pref:05 has 20 bodies; 8 more outside it, of which the viewer reads some. With 3 read,
  // the 5 others outside are safe; with 4 read, national − pref:05 would reveal the last 4.
  Aggregates agg;
  for (int i = 0; i < 20; ++i) agg.put(1, cat_, i + 1, body("05" + std::to_string(1000 + i), BodyType::kCity), {Outcome::kImplemented});
  for (int i = 0; i < 8; ++i) agg.put(1, cat_, i + 100, body("06" + std::to_string(1000 + i), BodyType::kTown), {Outcome::kImplemented});
  auto reads = [](int n) {
    return Viewer{.sees_everything = false, .can_read = [n](const std::string& c) {
                    return c.rfind("06", 0) == 0 && std::stoi(c.substr(2)) < 1000 + n;
                  }};
  };
  EXPECT_EQ(withheld(reads(3), campaign_, agg, "pref:05", agg.figures(1, "pref:05")), Withheld::kNo);
  EXPECT_EQ(withheld(reads(4), campaign_, agg, "pref:05", agg.figures(1, "pref:05")), Withheld::kSmallGroup);
  // And the part the viewer can read comes back per question, for the per-question rule.
  GroupFigures readable;
  withheld(reads(3), campaign_, agg, "national", agg.figures(1, "national"), &readable);
  EXPECT_EQ(readable.bodies, 3);
  EXPECT_EQ(readable.questions[0].applicable, 3);
}

TEST_F(DisclosureTest, NotesSayWhy) {
  EXPECT_EQ(withheld_note(Withheld::kSmallGroup).ja, "非表示（5団体未満）");
  EXPECT_EQ(withheld_note(Withheld::kOpenCampaign).ja, "非表示（調査の締切後に公開）");
}

// Issue 12 §5: a per-question rate passes the same complement rule as a group. 20 cities
// answer the question; of the 12 bodies of prefecture 01 only two towns do (it is
// conditional). type:city as a group is shown (12 bodies beside it), but its rate for the
// question would leave national − city = 2 answers, which the national rate gives away.
TEST_F(DisclosureTest, APerQuestionRateWithAComplementOfOneToFourIsHidden) {
  Aggregates agg;
  for (int i = 0; i < 20; ++i) agg.put(1, cat_, i + 1, body("02" + std::to_string(3000 + i), BodyType::kCity), {Outcome::kImplemented});
  for (int i = 0; i < 12; ++i)
    agg.put(1, cat_, i + 100, body("01" + std::to_string(1000 + i), BodyType::kTown),
            {i < 2 ? Outcome::kImplemented : Outcome::kNotScored});
  const Viewer stranger{.sees_everything = false, .can_read = [](const std::string& c) { return c == "011011"; }};
  Disclosure d(stranger, campaign_, agg);
  const GroupFigures city = agg.figures(1, "type:city");
  ASSERT_EQ(d.withheld("type:city", city), Withheld::kNo);
  EXPECT_FALSE(d.question_shown("type:city", city, 0));
  EXPECT_TRUE(d.question_shown("national", agg.figures(1, "national"), 0));
  EXPECT_FALSE(d.question_shown("type:town", agg.figures(1, "type:town"), 0));  // 2 answers behind it
  // With 5 answers beside the cities, the rate is shown; MIC is never asked for a complement.
  for (int i = 0; i < 3; ++i)
    agg.put(1, cat_, i + 200, body("03" + std::to_string(1000 + i), BodyType::kVillage), {Outcome::kImplemented});
  Disclosure again(stranger, campaign_, agg);
  EXPECT_TRUE(again.question_shown("type:city", agg.figures(1, "type:city"), 0));
  Disclosure mic(kMic, campaign_, agg);
  EXPECT_TRUE(mic.question_shown("type:city", city, 0));
}

}  // namespace
}  // namespace mamori::analytics
