// The real measure bank and survey mappings in measures/, loaded as the server loads them,
// against the real catalogues: the three survey families, the samples labelled as such, and
// the worked examples docs/MEASURES.md walks through.
#include "io/measure_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "io/catalog_loader.h"

namespace mamori {
namespace {

class RealCrosswalk : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalogs_ = std::make_unique<Result<CatalogSet>>(io::load_catalogs(std::string(MAMORI_SOURCE_DIR) + "/catalog"));
    if (catalogs_->ok())
      crosswalk_ = std::make_unique<Result<Crosswalk>>(
          io::load_crosswalk(std::string(MAMORI_SOURCE_DIR) + "/measures", **catalogs_));
  }
  static void TearDownTestSuite() {
    crosswalk_.reset();
    catalogs_.reset();
  }
  void SetUp() override {
    ASSERT_TRUE(catalogs_->ok()) << catalogs_->status().message_en();
    ASSERT_TRUE(crosswalk_ && crosswalk_->ok()) << crosswalk_->status().message_en();
  }
  const Catalog& catalog(const char* id) { return *(*catalogs_)->find(id); }
  const Crosswalk& cw() { return **crosswalk_; }

  static inline std::unique_ptr<Result<CatalogSet>> catalogs_;
  static inline std::unique_ptr<Result<Crosswalk>> crosswalk_;
};

TEST_F(RealCrosswalk, ThreeFamiliesTheTwoPartnerSurveysSamplesOfAtLeast40Items) {
  EXPECT_EQ(catalog("fy2026").family, "mic");
  EXPECT_FALSE(catalog("fy2026").sample);
  for (const char* id : {"ppc-fy2026", "nco-fy2026"}) {
    const Catalog& c = catalog(id);
    EXPECT_TRUE(c.sample) << id;
    EXPECT_EQ(c.fiscal_year, 2026);
    EXPECT_GE(c.questions.size(), 40u) << id;
    EXPECT_EQ(c.title.ja.rfind("【サンプル】", 0), 0u) << id;
    EXPECT_EQ(c.title.en.rfind("[Sample]", 0), 0u) << id;
  }
  EXPECT_EQ(catalog("ppc-fy2026").family, "ppc");
  EXPECT_EQ(catalog("nco-fy2026").family, "nco");
}

TEST_F(RealCrosswalk, EverySurveyHasAMappingWithEachRelation) {
  for (const char* id : {"fy2026", "ppc-fy2026", "nco-fy2026"}) ASSERT_NE(cw().mapping_of(id), nullptr) << id;
  std::map<Relation, int> partner;
  for (const char* id : {"ppc-fy2026", "nco-fy2026"})
    for (const auto& m : cw().mapping_of(id)->items) ++partner[m.relation];
  for (Relation r : {Relation::kEqual, Relation::kSubset, Relation::kSuperset, Relation::kIntersect})
    EXPECT_GT(partner[r], 0) << to_string(r);
  // Some items of each partner survey have no counterpart.
  for (const char* id : {"ppc-fy2026", "nco-fy2026"})
    EXPECT_LT(cw().mapping_of(id)->items.size(), catalog(id).questions.size()) << id;
}

TEST_F(RealCrosswalk, TheWorkedExamplesAreInTheData) {
  // One MIC answer flowing into a PPC and an NCO item, all equal.
  const char* measure = "tech.mynumber-separation";
  EXPECT_EQ(cw().mapping_of("fy2026")->find("c5-mynumber-separation")->measure_id, measure);
  EXPECT_EQ(cw().mapping_of("ppc-fy2026")->find("ppc-tech-mynumber-separation")->measure_id, measure);
  EXPECT_EQ(cw().mapping_of("nco-fy2026")->find("nco-pr-mynumber-separation")->measure_id, measure);
  // Equal in MIC, narrower in PPC, broader in NCO.
  EXPECT_EQ(cw().mapping_of("fy2026")->find("c5-mfa")->relation, Relation::kEqual);
  EXPECT_EQ(cw().mapping_of("ppc-fy2026")->find("ppc-tech-mfa")->relation, Relation::kSubset);
  EXPECT_EQ(cw().mapping_of("nco-fy2026")->find("nco-pr-mfa")->relation, Relation::kSuperset);
  // A monthly count equal to a yearly one through `scale 12`.
  const ItemMapping* monthly = cw().mapping_of("nco-fy2026")->find("nco-rs-loss-month");
  ASSERT_NE(monthly, nullptr);
  EXPECT_EQ(monthly->transform.kind, Transform::Kind::kScale);
  EXPECT_EQ(monthly->transform.factor, 12);
  EXPECT_EQ(cw().bank.find(monthly->measure_id)->per, "year");
}

TEST_F(RealCrosswalk, AnEqualBetweenAMonthlyAndAYearlyCountWithoutTransformIsRefusedNamingTheLine) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mamori-measures-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(std::string(MAMORI_SOURCE_DIR) + "/measures/bank.txt", dir / "bank.txt");
  std::ofstream(dir / "nco-fy2026.map") << "# broken on purpose\nnco-rs-loss-month equal phys.loss-incidents\n";
  auto refused = io::load_crosswalk(dir.string(), **catalogs_);
  fs::remove_all(dir);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_code(), "invalid_measures");
  EXPECT_NE(refused.status().message_en().find("nco-fy2026.map:2: item 'nco-rs-loss-month' (count/month)"),
            std::string::npos)
      << refused.status().message_en();
}

// The NIST CSF 2.0 view as the server loads it: the whole framework, and a mapping of MIC's
// FY2026 survey in which every scored question rests on at least one subcategory.
TEST_F(RealCrosswalk, TheCsfFrameworkAndMicsMappingLoad) {
  auto view = io::load_csf_view(std::string(MAMORI_SOURCE_DIR) + "/measures/csf", **catalogs_);
  ASSERT_TRUE(view.ok()) << view.status().message_en();
  std::map<CsfLevel, int> levels;
  for (const auto& n : view->framework.nodes) ++levels[n.level];
  EXPECT_EQ(levels[CsfLevel::kFunction], 6);
  EXPECT_EQ(levels[CsfLevel::kCategory], 22);
  EXPECT_EQ(levels[CsfLevel::kSubcategory], 106);
  const CsfMapping* mic = view->mapping_of("fy2026");
  ASSERT_NE(mic, nullptr);
  std::set<std::string> mapped;
  for (const auto& l : mic->links) mapped.insert(l.question_id);
  for (const auto& q : catalog("fy2026").questions)
    if (q.implemented.defined) {
      EXPECT_TRUE(mapped.count(q.id)) << q.id << " is scored but mapped to no subcategory";
    }
  // Every function has something to show.
  const CsfCoverage c = csf_coverage(view->framework, *mic, catalog("fy2026"), [](size_t) { return analytics::Ratio{1, 1}; });
  for (const auto& f : c.functions) EXPECT_GT(f.questions.size(), 0u) << f.node->id;
}

TEST_F(RealCrosswalk, ACsfMappingWithAnUnknownSubcategoryIsRefusedNamingTheLine) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mamori-csf-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(std::string(MAMORI_SOURCE_DIR) + "/measures/csf/csf-2.0.csv", dir / "csf-2.0.csv");
  std::ofstream(dir / "fy2026.map") << "c1-ciso-appointed subset GV.RR-01\nc1-csirt-established subset RS.MA-09\n";
  auto refused = io::load_csf_view(dir.string(), **catalogs_);
  fs::remove_all(dir);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_code(), "invalid_csf");
  EXPECT_NE(refused.status().message_en().find("fy2026.map:2: 'RS.MA-09' is not a CSF 2.0 subcategory"), std::string::npos)
      << refused.status().message_en();
}

}  // namespace
}  // namespace mamori
