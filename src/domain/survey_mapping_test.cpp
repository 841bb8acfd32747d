// The measure bank and the survey mappings: each validation rule with the file and line it
// names, and the conversions an answer goes through between an item and its measure.
#include "domain/survey_mapping.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "base/messages.h"
#include "domain/catalog_parser.h"

namespace mamori {
namespace {

namespace json = boost::json;

const char* kCatalog = R"([catalog s]
fiscal_year = 2026
family = nco
sample = true
title.ja = 【サンプル】調査
title.en = [Sample] survey
[category 1]
name.ja = 体制
name.en = Organisation
)";

std::string question(const std::string& id, const std::string& type, const std::string& extra = "") {
  return "[question " + id + "]\ncategory = 1\nguideline = 1\ntype = " + type +
         "\ntext.ja = 問\ntext.en = Q\nhelp.ja = 助\nhelp.en = H\nreason.ja = 理\nreason.en = R\n" + extra + "\n";
}

Catalog survey() {
  auto cat = parse_catalog(
      {{"catalog/s/catalog.txt", kCatalog},
       {"catalog/s/c1.txt",
        question("s-ciso", "yes_no") + question("s-reports-month", "number", "unit = count\nper = month\n") +
            question("s-reports-year", "number", "unit = count\nper = year\n") +
            question("s-policy", "single", "option.full = 全部 | All\noption.part = 一部 | Part\noption.none = なし | None\n") +
            question("s-note", "text")}});
  EXPECT_TRUE(cat.ok()) << cat.status().message_en();
  return *cat;
}

const char* kBank = R"(# the bank
[measure org.ciso]
definition.ja = CISOを任命している。
definition.en = A CISO is appointed.
type = yes_no
steward = mic
version = 1
state = agreed

[measure ops.incidents-reported]
definition.ja = 年度内に報告したインシデントの件数。
definition.en = Incidents reported in the fiscal year.
type = number
unit = count
per = year
steward = nco
version = 2
state = agreed

[measure org.policy-scope]
definition.ja = 方針の対象範囲。
definition.en = The scope of the policy.
type = single
option.all = 全機関 | All organs
option.some = 一部 | Some organs
option.no = なし | None
steward = mic
version = 1
state = proposed
)";

MeasureBank bank() {
  auto b = parse_measure_bank({{"measures/bank.txt", kBank}});
  EXPECT_TRUE(b.ok()) << b.status().message_en();
  return *b;
}

Result<SurveyMapping> mapping(const std::string& text) {
  return parse_survey_mapping({"measures/s.map", text}, survey(), bank());
}

// The English message of a refusal, which starts with file:line.
std::string refusal(const std::string& text) {
  auto m = mapping(text);
  EXPECT_FALSE(m.ok());
  return m.ok() ? "" : m.status().message_en();
}

TEST(MeasureBank, ReadsEveryKeyOfAMeasure) {
  MeasureBank b = bank();
  ASSERT_EQ(b.by_id.size(), 3u);
  const Measure* m = b.find("ops.incidents-reported");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->type, QuestionType::kNumber);
  EXPECT_EQ(m->unit, "count");
  EXPECT_EQ(m->per, "year");
  EXPECT_EQ(m->steward, "nco");
  EXPECT_EQ(m->version, 2);
  EXPECT_TRUE(m->agreed);
  EXPECT_FALSE(b.find("org.policy-scope")->agreed);
  EXPECT_EQ(m->line, 10);
}

TEST(MeasureBank, RefusesAMeasureThatBreaksARuleNamingItsLine) {
  auto refuse = [](const std::string& text) {
    auto b = parse_measure_bank({{"measures/bank.txt", text}});
    EXPECT_FALSE(b.ok());
    return b.ok() ? "" : b.status().message_en();
  };
  const std::string head = "[measure a.b]\ndefinition.ja = 定義\ndefinition.en = Definition\n";
  EXPECT_NE(refuse(head + "type = yes_no\nsteward = mof\nversion = 1\nstate = agreed\n").find("measures/bank.txt:5:"),
            std::string::npos);
  EXPECT_NE(refuse(head + "type = yes_no\nsteward = mic\nversion = 1\nstate = maybe\n").find("must be agreed or proposed"),
            std::string::npos);
  EXPECT_NE(refuse(head + "type = yes_no\nper = month\nsteward = mic\nversion = 1\nstate = agreed\n")
                .find("only for number and percent"),
            std::string::npos);
  EXPECT_NE(refuse(head + "type = number\nsteward = mic\nversion = 1\nstate = agreed\n" + head +
                   "type = number\nsteward = mic\nversion = 1\nstate = agreed\n")
                .find("measures/bank.txt:8: measure id 'a.b' appears twice"),
            std::string::npos);
  EXPECT_NE(refuse("[measure a.b]\ntype = yes_no\n").find("definition.ja"), std::string::npos);
}

TEST(SurveyMapping, ReadsRelationsAndTransforms) {
  auto m = mapping(
      "# item relation measure transform\n"
      "s-ciso equal org.ciso\n"
      "s-reports-month  equal  ops.incidents-reported  scale 12\n"
      "s-policy equal org.policy-scope map full=all,part=some,none=no\n");
  ASSERT_TRUE(m.ok()) << m.status().message_en();
  ASSERT_EQ(m->items.size(), 3u);
  const ItemMapping* monthly = m->find("s-reports-month");
  ASSERT_NE(monthly, nullptr);
  EXPECT_EQ(monthly->relation, Relation::kEqual);
  EXPECT_EQ(monthly->transform.kind, Transform::Kind::kScale);
  EXPECT_EQ(monthly->line, 3);
  EXPECT_EQ(m->find_measure("org.policy-scope")->question_id, "s-policy");
  EXPECT_EQ(m->find("s-note"), nullptr);
}

TEST(SurveyMapping, AnEqualBetweenAMonthlyAndAYearlyCountIsRefusedUnlessTransformed) {
  EXPECT_EQ(refusal("s-reports-month equal ops.incidents-reported\n"),
            "measures/s.map:1: item 's-reports-month' (count/month) and measure 'ops.incidents-reported' "
            "(count/year) differ in unit or period, so they cannot be equal: give a transform (e.g. scale 12) or "
            "another relation.");
  EXPECT_TRUE(mapping("s-reports-year equal ops.incidents-reported\n").ok());
  EXPECT_TRUE(mapping("s-reports-month intersect ops.incidents-reported\n").ok()) << "a partial relation may differ";
}

TEST(SurveyMapping, RefusesEachBrokenLineNamingFileAndLine) {
  EXPECT_NE(refusal("\ns-unknown equal org.ciso\n").find("measures/s.map:2: item 's-unknown' is not in catalogue s"),
            std::string::npos);
  EXPECT_NE(refusal("s-ciso equal org.nothing\n").find("measure 'org.nothing' is not in the measure bank"),
            std::string::npos);
  EXPECT_NE(refusal("s-ciso same org.ciso\n").find("relation 'same'"), std::string::npos);
  EXPECT_NE(refusal("s-ciso equal\n").find("write 'item relation measure [transform]'"), std::string::npos);
  EXPECT_NE(refusal("s-ciso equal org.ciso\ns-ciso subset org.ciso\n").find("measures/s.map:2: item 's-ciso' is already mapped"),
            std::string::npos);
  EXPECT_NE(refusal("s-note equal org.ciso\n").find("incompatible answer types"), std::string::npos);
  EXPECT_NE(refusal("s-policy equal org.policy-scope\n").find("different options"), std::string::npos);
  EXPECT_NE(refusal("s-ciso equal org.ciso scale 12\n").find("scale is only for numeric"), std::string::npos);
  EXPECT_NE(refusal("s-reports-year equal ops.incidents-reported scale 0\n").find("cannot read the transform"),
            std::string::npos);
  EXPECT_NE(refusal("s-policy equal org.policy-scope map full=all,part=some\n").find("must pair every option"),
            std::string::npos);
  EXPECT_NE(refusal("s-policy equal org.policy-scope map full=all,part=all,none=no\n").find("one to one"),
            std::string::npos);
  EXPECT_NE(refusal("s-policy equal org.policy-scope map full=every,part=some,none=no\n").find("'every'"),
            std::string::npos);
  EXPECT_TRUE(mapping("s-policy subset org.policy-scope map full=all\n").ok()) << "a partial map may cover less";
}

TEST(SurveyMapping, ValuesConvertBothWaysThroughTheTransform) {
  auto m = mapping(
      "s-ciso equal org.ciso\n"
      "s-reports-month equal ops.incidents-reported scale 12\n"
      "s-policy equal org.policy-scope map full=all,part=some,none=no\n");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*item_to_measure(*m->find("s-ciso"), json::value("yes")), json::value("yes"));
  EXPECT_EQ(item_to_measure(*m->find("s-reports-month"), json::value(3))->to_number<double>(), 36.0);
  EXPECT_EQ(measure_to_item(*m->find("s-reports-month"), json::value(36))->to_number<double>(), 3.0);
  EXPECT_EQ(*item_to_measure(*m->find("s-policy"), json::value("part")), json::value("some"));
  EXPECT_EQ(*measure_to_item(*m->find("s-policy"), json::value("no")), json::value("none"));
  EXPECT_FALSE(measure_to_item(*m->find("s-policy"), json::value("elsewhere")).has_value());
}

TEST(CatalogFamily, ACatalogueNamesItsMinistryAndWhetherItIsASample) {
  Catalog c = survey();
  EXPECT_EQ(c.family, "nco");
  EXPECT_TRUE(c.sample);
  EXPECT_EQ(c.find("s-reports-month")->per, "month");
  EXPECT_EQ(c.find("s-reports-month")->unit_code, "count");
  auto bad = parse_catalog({{"catalog/x/catalog.txt", std::string(kCatalog).replace(std::string(kCatalog).find("nco"), 3, "mof")},
                            {"catalog/x/c1.txt", question("q", "yes_no")}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message_en().find("catalog/x/catalog.txt:3: family 'mof'"), std::string::npos);
}

}  // namespace
}  // namespace mamori
