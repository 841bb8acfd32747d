// The NIST CSF 2.0 view: the framework and a mapping read with errors that name the file and
// line, and the coverage checked against a hand computation.
#include "domain/csf.h"

#include <gtest/gtest.h>

namespace mamori {
namespace {

using analytics::Ratio;

const SourceFile kFramework{"csf.csv",
                            "id,level,parent,title,statement\n"
                            "GV,function,,GOVERN,g\n"
                            "GV.OC,category,GV,Context,c\n"
                            "GV.OC-01,subcategory,GV.OC,,mission\n"
                            "GV.OC-02,subcategory,GV.OC,,stakeholders\n"
                            "GV.RR,category,GV,Roles,r\n"
                            "GV.RR-01,subcategory,GV.RR,,leadership\n"
                            "PR,function,,PROTECT,p\n"
                            "PR.AA,category,PR,Access,a\n"
                            "PR.AA-01,subcategory,PR.AA,,identities\n"};

Catalog four_questions() {
  Catalog cat;
  cat.id = "t";
  for (const char* id : {"q1", "q2", "q3", "q4"}) {
    Question q;
    q.id = id;
    cat.index[q.id] = cat.questions.size();
    cat.questions.push_back(q);
  }
  return cat;
}

TEST(Csf, TheFrameworkIsReadWithItsLevels) {
  auto f = parse_csf_framework(kFramework);
  ASSERT_TRUE(f.ok()) << f.status().message_en();
  EXPECT_EQ(f->nodes.size(), 9u);
  EXPECT_EQ(f->function_of("GV.OC-02"), "GV");
  EXPECT_EQ(f->category_of("GV.OC-02"), "GV.OC");
  EXPECT_EQ(f->category_of("GV"), "");
}

TEST(Csf, AFrameworkErrorNamesTheLine) {
  auto bad = parse_csf_framework({"x.csv", "id,level,parent,title,statement\nGV,function,,G,g\nGV.X-01,subcategory,GV.X,,s\n"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().error_code(), "invalid_csf");
  EXPECT_NE(bad.status().message_en().find("x.csv:3"), std::string::npos) << bad.status().message_en();
  auto level = parse_csf_framework({"y.csv", "id,level,parent,title,statement\nGV,chapter,,G,g\n"});
  EXPECT_NE(level.status().message_en().find("y.csv:2"), std::string::npos) << level.status().message_en();
}

TEST(Csf, AMappingErrorNamesTheFileAndLine) {
  auto f = parse_csf_framework(kFramework);
  ASSERT_TRUE(f.ok());
  const Catalog cat = four_questions();
  struct Case {
    const char* text;
    const char* expect;
  } cases[] = {
      {"# c\nq9 subset GV.OC-01\n", "m.map:2"},            // unknown question
      {"q1 alike GV.OC-01\n", "m.map:1"},                  // unknown relation
      {"q1 subset GV.OC\n", "m.map:1"},                    // a category, not a subcategory
      {"q1 subset GV.OC-01\n\nq1 subset GV.OC-01\n", "m.map:3"},  // twice
      {"q1 subset\n", "m.map:1"},                          // missing a column
  };
  for (const auto& c : cases) {
    auto m = parse_csf_mapping({"m.map", c.text}, cat, *f);
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_EQ(m.status().error_code(), "invalid_csf") << c.text;
    EXPECT_NE(m.status().message_en().find(c.expect), std::string::npos) << c.text << " → " << m.status().message_en();
  }
}

// q1 → GV.OC-01 (implemented); q2 → GV.OC-01 and GV.RR-01 (not implemented); q3 → PR.AA-01
// (not scored: 該当なし or unanswered); q4 unmapped (implemented, must not count anywhere).
//   GV:    q1, q2 once each → 1 of 2; subcategories mapped 2 of 3
//   GV.OC: q1, q2 → 1 of 2; 1 of 2 subcategories
//   GV.RR: q2 → 0 of 1; 1 of 1
//   PR, PR.AA: q3 → nothing applicable (no rate); 1 of 1
TEST(Csf, CoverageMatchesAHandComputation) {
  auto f = parse_csf_framework(kFramework);
  ASSERT_TRUE(f.ok());
  const Catalog cat = four_questions();
  auto m = parse_csf_mapping({"m.map", "q1 subset GV.OC-01\nq2 intersect GV.OC-01\nq2 subset GV.RR-01\nq3 equal PR.AA-01\n"},
                             cat, *f);
  ASSERT_TRUE(m.ok()) << m.status().message_en();
  const std::vector<Ratio> given = {{1, 1}, {0, 1}, {0, 0}, {1, 1}};
  const CsfCoverage c = csf_coverage(*f, *m, cat, [&](size_t i) { return given[i]; });
  ASSERT_EQ(c.functions.size(), 2u);
  ASSERT_EQ(c.categories.size(), 3u);
  const auto& gv = c.functions[0];
  EXPECT_EQ(gv.node->id, "GV");
  EXPECT_EQ(gv.ratio, (Ratio{1, 2}));
  EXPECT_EQ(gv.subcategories, 3);
  EXPECT_EQ(gv.subcategories_mapped, 2);
  ASSERT_EQ(gv.questions.size(), 2u);
  EXPECT_EQ(gv.questions[1].question, 1u);
  ASSERT_EQ(gv.questions[1].subcategories.size(), 2u) << "q2 rests on two subcategories of GV, counted once";
  EXPECT_EQ(gv.questions[1].subcategories[0].second, Relation::kIntersect);
  EXPECT_EQ(c.categories[0].node->id, "GV.OC");
  EXPECT_EQ(c.categories[0].ratio, (Ratio{1, 2}));
  EXPECT_EQ(c.categories[0].subcategories_mapped, 1);
  EXPECT_EQ(c.categories[0].subcategories, 2);
  EXPECT_EQ(c.categories[1].ratio, (Ratio{0, 1}));
  EXPECT_EQ(c.functions[1].ratio, (Ratio{0, 0}));
  EXPECT_FALSE(c.functions[1].ratio.rate().has_value());
  EXPECT_EQ(c.functions[1].subcategories_mapped, 1);
}

}  // namespace
}  // namespace mamori
