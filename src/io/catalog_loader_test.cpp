// The real catalogues in catalog/, loaded from disk as the server loads them.
#include "io/catalog_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace mamori {
namespace {

class RealCatalogs : public ::testing::Test {
 protected:
  // Loaded once for the suite: catalog/ holds every catalogue, lineage validated.
  static void SetUpTestSuite() {
    loaded_ = std::make_unique<Result<CatalogSet>>(io::load_catalogs(std::string(MAMORI_SOURCE_DIR) + "/catalog"));
  }
  static void TearDownTestSuite() { loaded_.reset(); }
  void SetUp() override {
    ASSERT_TRUE(loaded_->ok()) << loaded_->status().message_en();
    fy2025_ = (*loaded_)->find("fy2025");
    fy2026_ = (*loaded_)->find("fy2026");
    ASSERT_NE(fy2025_, nullptr);
    ASSERT_NE(fy2026_, nullptr);
  }

  static inline std::unique_ptr<Result<CatalogSet>> loaded_;
  const Catalog* fy2025_ = nullptr;
  const Catalog* fy2026_ = nullptr;
};

TEST_F(RealCatalogs, LoadWithFy2026FollowingFy2025) {
  EXPECT_EQ(fy2025_->fiscal_year, 2025);
  EXPECT_EQ(fy2025_->previous, "");
  EXPECT_EQ(fy2026_->fiscal_year, 2026);
  EXPECT_EQ(fy2026_->previous, "fy2025");
  EXPECT_GE(fy2026_->questions.size(), 150u);
}

TEST_F(RealCatalogs, QuestionsRememberTheFileTheyComeFrom) {
  const Question* q = fy2026_->find("c1-ciso-appointed");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->file, "catalog/fy2026/c1.txt");
  EXPECT_GT(q->line, 0);
}

TEST_F(RealCatalogs, EveryCategoryHasQuestionsInFy2026) {
  std::map<int, int> per_category;
  for (const auto& q : fy2026_->questions) ++per_category[q.category];
  for (int c = 1; c <= 8; ++c) EXPECT_GT(per_category[c], 0) << "category " << c;
  EXPECT_EQ(per_category.size(), 8u);
}

TEST_F(RealCatalogs, EveryQuestionHasTextHelpAndReasonInBothLanguages) {
  for (const Catalog* cat : {fy2025_, fy2026_})
    for (const auto& q : cat->questions) {
      SCOPED_TRACE(cat->id + " " + q.id);
      EXPECT_FALSE(q.text.ja.empty());
      EXPECT_FALSE(q.text.en.empty());
      EXPECT_FALSE(q.help.ja.empty());
      EXPECT_FALSE(q.help.en.empty());
      EXPECT_FALSE(q.reason.ja.empty());
      EXPECT_FALSE(q.reason.en.empty());
    }
}

TEST_F(RealCatalogs, Fy2026UsesEveryLineageKind) {
  std::set<LineageKind> kinds;
  for (const auto& q : fy2026_->questions) kinds.insert(q.lineage.kind);
  for (LineageKind k :
       {LineageKind::kSame, LineageKind::kReworded, LineageKind::kSplit, LineageKind::kMerged, LineageKind::kNew})
    EXPECT_TRUE(kinds.count(k)) << to_string(k);
  EXPECT_FALSE(kinds.count(LineageKind::kNone));  // fy2026 has a previous: every question has a lineage
}

TEST_F(RealCatalogs, SomeFy2025QuestionsAreRetired) {
  std::set<std::string> named;
  for (const auto& q : fy2026_->questions) named.insert(q.lineage.from.begin(), q.lineage.from.end());
  std::vector<std::string> retired;
  for (const auto& q : fy2025_->questions)
    if (!named.count(q.id)) retired.push_back(q.id);
  EXPECT_FALSE(retired.empty());
}

TEST_F(RealCatalogs, Fy2026UsesEveryQuestionType) {
  std::set<QuestionType> types;
  for (const auto& q : fy2026_->questions) types.insert(q.type);
  for (QuestionType t : {QuestionType::kYesNo, QuestionType::kSingle, QuestionType::kMulti, QuestionType::kNumber,
                         QuestionType::kPercent, QuestionType::kDate, QuestionType::kText, QuestionType::kMaturity})
    EXPECT_TRUE(types.count(t)) << to_string(t);
}

TEST_F(RealCatalogs, Seed003ReferenceItemsCarryTheirNationalRate) {
  const std::vector<std::pair<const char*, double>> items = {
      {"c1-ciso-appointed", 95.8},
      {"c1-csirt-established", 77.5},
      {"c1-internal-contact-system", 90.3},
      {"c1-policy-basic-established", 98.9},
      {"c3-server-room-entry-control", 95.3},
      {"c3-power-seismic", 90.4},
      {"c4-training-conducted", 90.7},
      {"c4-incident-drill", 44.3},
      {"c5-unauthorized-software", 88.7},
      {"c5-encrypted-storage", 25.0},
      {"c5-pattern-file", 84.5},
      {"c5-unknown-malware", 43.6},
      {"c6-access-log-review", 49.0},
      {"c7-procurement-selection-rules", 11.6},
      {"c8-external-audit", 19.7},
      {"c8-vuln-assessment", 20.2},
  };
  for (const auto& [id, rate] : items) {
    const Question* q = fy2026_->find(id);
    ASSERT_NE(q, nullptr) << id;
    ASSERT_TRUE(q->reference_rate.has_value()) << id;
    EXPECT_DOUBLE_EQ(*q->reference_rate, rate) << id;
  }
}

}  // namespace
}  // namespace mamori
