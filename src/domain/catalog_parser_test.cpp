#include "domain/catalog_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mamori {
namespace {

// Keys of a question block, in file order.
using Keys = std::vector<std::pair<std::string, std::string>>;

// A valid yes_no question block. Each entry of `keys` replaces the default of
// the same key in place (an empty value drops the key) or is appended.
std::string question(const std::string& id, const Keys& keys = {}) {
  Keys lines = {{"category", "1"},
                {"guideline", "1"},
                {"type", "yes_no"},
                {"text.ja", "設問"},
                {"text.en", "Question"},
                {"help.ja", "回答方法"},
                {"help.en", "How to answer"},
                {"reason.ja", "意義"},
                {"reason.en", "Why it matters"}};
  for (const auto& kv : keys) {
    auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.first == kv.first; });
    if (it != lines.end())
      it->second = kv.second;
    else
      lines.push_back(kv);
  }
  std::string out = "[question " + id + "]\n";
  for (const auto& [k, v] : lines)
    if (!v.empty()) out += k + " = " + v + "\n";
  return out + "\n";
}

// A minimal valid catalog.txt: the header and `categories` categories (8 like MIC's survey).
std::string header(const std::string& id, const std::string& previous, int categories = 8) {
  std::string s = "# test catalogue\n[catalog " + id + "]\nfiscal_year = 2026\n";
  if (!previous.empty()) s += "previous = " + previous + "\n";
  s += "title.ja = テスト調査\ntitle.en = Test survey\n";
  for (int n = 1; n <= categories; ++n) {
    std::string k = std::to_string(n);
    s += "\n[category " + k + "]\nname.ja = 分類" + k + "\nname.en = Category " + k + "\n";
  }
  return s;
}

// The files of catalogue `id`: <id>/catalog.txt and <id>/c1.txt holding `c1`.
std::vector<SourceFile> files(const std::string& c1, const std::string& previous = "", const std::string& id = "t") {
  return {SourceFile{id + "/catalog.txt", header(id, previous)}, SourceFile{id + "/c1.txt", c1}};
}

// 1-based number of the last line of `text` that contains `needle` (0 if none).
int last_line_with(const std::string& text, const std::string& needle) {
  size_t pos = text.rfind(needle);
  if (pos == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

// Expects an "invalid_catalog" error located at `where` ("file:line: ") that mentions `mention`.
void expect_invalid(const Status& s, const std::string& where, const std::string& mention) {
  ASSERT_FALSE(s.ok()) << "expected an error at " << where;
  EXPECT_EQ(s.error_code(), "invalid_catalog");
  EXPECT_TRUE(s.message_en().starts_with(where)) << "want prefix '" << where << "', got: " << s.message_en();
  EXPECT_TRUE(s.message_ja().starts_with(where)) << "want prefix '" << where << "', got: " << s.message_ja();
  EXPECT_NE(s.message_en().find(mention), std::string::npos) << "want '" << mention << "' in: " << s.message_en();
}

std::string at_line(const std::string& file, int line) { return file + ":" + std::to_string(line) + ": "; }

// ---------------------------------------------------------------------------
// Small in-memory catalogues that parse.

TEST(ParseCatalog, ReadsAMinimalCatalogue) {
  std::string c1 = question("a", {{"implemented", "yes"}}) +
                   question("b", {{"category", "5"},
                                  {"guideline", "6.3"},
                                  {"type", "single"},
                                  {"option.y", "ワイ | Why"},
                                  {"option.x", "エックス | Ex"},
                                  {"show_if", "q:a = yes and body.network_model in beta,beta_prime"},
                                  {"required", "false"},
                                  {"na", "true"}}) +
                   question("n", {{"type", "number"}, {"unit.ja", "人"}, {"unit.en", "people"}}) +
                   question("p", {{"type", "percent"}, {"implemented", ">=80"}}) +
                   question("t", {{"type", "text"}, {"max_length", "300"}, {"reference_rate", "12.5"}});
  auto r = parse_catalog(files(c1));
  ASSERT_TRUE(r.ok()) << r.status().message_en();
  const Catalog& cat = *r;
  EXPECT_EQ(cat.id, "t");
  EXPECT_EQ(cat.fiscal_year, 2026);
  EXPECT_EQ(cat.previous, "");
  EXPECT_EQ(cat.title.en, "Test survey");
  ASSERT_EQ(cat.categories.size(), 8u);
  for (int n = 1; n <= 8; ++n) EXPECT_EQ(cat.categories[n - 1].number, n);
  ASSERT_EQ(cat.questions.size(), 5u);
  EXPECT_EQ(cat.questions[0].id, "a");  // display order is file order
  EXPECT_EQ(cat.questions[4].id, "t");
  // Numbers count within each category in display order: a, n, p, t are 1-1…1-4, b is 5-1.
  EXPECT_EQ(cat.find("a")->number, "1-1");
  EXPECT_EQ(cat.find("b")->number, "5-1");
  EXPECT_EQ(cat.find("n")->number, "1-2");
  EXPECT_EQ(cat.find("t")->number, "1-4");

  const Question* a = cat.find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->file, "t/c1.txt");
  EXPECT_EQ(a->line, 1);
  EXPECT_TRUE(a->required);
  EXPECT_FALSE(a->na_allowed);
  EXPECT_TRUE(a->implemented.defined);
  EXPECT_EQ(a->implemented.keys, std::vector<std::string>{"yes"});
  EXPECT_EQ(a->lineage.kind, LineageKind::kNone);

  const Question* b = cat.find("b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->line, last_line_with(c1, "[question b]"));
  EXPECT_EQ(b->category, 5);
  EXPECT_EQ(b->guideline, "6.3");
  EXPECT_EQ(b->type, QuestionType::kSingle);
  EXPECT_FALSE(b->required);
  EXPECT_TRUE(b->na_allowed);
  ASSERT_EQ(b->options.size(), 2u);  // options keep their file order
  EXPECT_EQ(b->options[0].key, "y");
  EXPECT_EQ(b->options[0].label.ja, "ワイ");
  EXPECT_EQ(b->options[0].label.en, "Why");
  EXPECT_EQ(b->options[1].key, "x");
  ASSERT_EQ(b->show_if.size(), 2u);
  EXPECT_EQ(b->show_if[0].subject, "q:a");
  EXPECT_EQ(b->show_if[0].op, Clause::Op::kEq);
  EXPECT_EQ(b->show_if[0].values, std::vector<std::string>{"yes"});
  EXPECT_EQ(b->show_if[1].subject, "body.network_model");
  EXPECT_EQ(b->show_if[1].op, Clause::Op::kIn);
  EXPECT_EQ(b->show_if[1].values, (std::vector<std::string>{"beta", "beta_prime"}));

  const Question* n = cat.find("n");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->min, 0.0);
  EXPECT_EQ(n->max, 1e12);
  EXPECT_EQ(n->unit.en, "people");

  const Question* p = cat.find("p");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->min, 0.0);
  EXPECT_EQ(p->max, 100.0);
  EXPECT_EQ(p->implemented.at_least, 80.0);

  const Question* t = cat.find("t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->max_length, 300u);
  EXPECT_EQ(t->reference_rate, 12.5);
}

TEST(ParseCatalog, ReadsEveryLineageKind) {
  std::string c1 = question("a", {{"lineage", "same x"}}) + question("b", {{"lineage", "reworded y"}}) +
                   question("c", {{"lineage", "split z"}}) + question("d", {{"lineage", "merged u, v,w"}}) +
                   question("e", {{"lineage", "new"}});
  auto r = parse_catalog(files(c1, "t0"));
  ASSERT_TRUE(r.ok()) << r.status().message_en();
  EXPECT_EQ(r->previous, "t0");
  struct Want {
    const char* id;
    LineageKind kind;
    std::vector<std::string> from;
  };
  const std::vector<Want> wants = {
      {"a", LineageKind::kSame, {"x"}},  {"b", LineageKind::kReworded, {"y"}},
      {"c", LineageKind::kSplit, {"z"}}, {"d", LineageKind::kMerged, {"u", "v", "w"}},
      {"e", LineageKind::kNew, {}},
  };
  for (const auto& w : wants) {
    const Question* q = r->find(w.id);
    ASSERT_NE(q, nullptr) << w.id;
    EXPECT_EQ(q->lineage.kind, w.kind) << w.id;
    EXPECT_EQ(q->lineage.from, w.from) << w.id;
  }
}

// ---------------------------------------------------------------------------
// Errors: each names the file and the line of the offending line or block.

struct BadCatalog {
  const char* what;
  std::string previous;   // "" or the id of the previous catalogue
  std::string c1;         // content of t/c1.txt
  std::string offending;  // text on the line the error must point at (its last occurrence)
  std::string mention;    // must appear in message_en
};

TEST(ParseCatalog, RejectsBadQuestionsNamingFileAndLine) {
  const Keys single = {{"type", "single"}, {"option.a", "甲 | A"}, {"option.b", "乙 | B"}};
  auto with = [](Keys keys, const Keys& more) {
    keys.insert(keys.end(), more.begin(), more.end());
    return keys;
  };
  const std::vector<BadCatalog> cases = {
      {"duplicate question id", "", question("a") + question("b") + question("a"), "[question a]",
       "duplicate question id 'a'"},
      {"unknown key", "", question("a", {{"colour", "blue"}}), "colour = blue", "unknown key 'colour'"},
      {"duplicate key", "", question("a") + "text.en = Twice\n", "text.en = Twice", "duplicate key 'text.en'"},
      {"missing reason.en", "", question("a") + question("b", {{"reason.en", ""}}), "[question b]",
       "missing required key 'reason.en'"},
      {"missing text.ja", "", question("a", {{"text.ja", ""}}), "[question a]", "missing required key 'text.ja'"},
      {"missing category", "", question("a", {{"category", ""}}), "[question a]", "missing required key 'category'"},
      {"bad type", "", question("a", {{"type", "boolean"}}), "type = boolean", "unknown type 'boolean'"},
      {"bad guideline chapter", "", question("a", {{"guideline", "4.5"}}), "guideline = 4.5",
       "unknown guideline chapter '4.5'"},
      {"guideline chapter 10", "", question("a", {{"guideline", "10"}}), "guideline = 10",
       "unknown guideline chapter '10'"},
      {"category 9", "", question("a", {{"category", "9"}}), "category = 9", "is not a category of this catalogue"},
      {"category 0", "", question("a", {{"category", "0"}}), "category = 0", "is not a category of this catalogue"},
      {"category 1.5", "", question("a", {{"category", "1.5"}}), "category = 1.5", "is not a category of this catalogue"},
      // Found by fuzz/catalog_fuzz.cpp: beyond int's range, converting was undefined.
      {"category 1e300", "", question("a", {{"category", "1e300"}}), "category = 1e300",
       "is not a category of this catalogue"},
      {"category nan", "", question("a", {{"category", "nan"}}), "category = nan", "is not a category of this catalogue"},
      {"max_length inf", "", question("a", {{"type", "text"}, {"max_length", "inf"}}), "max_length = inf", "max_length"},
      {"required not a boolean", "", question("a", {{"required", "yes"}}), "required = yes",
       "required must be true or false"},
      {"single with one option", "", question("a", {{"type", "single"}, {"option.a", "甲 | A"}}), "[question a]",
       "at least 2 options"},
      {"multi with one option", "", question("a", {{"type", "multi"}, {"option.a", "甲 | A"}}), "[question a]",
       "at least 2 options"},
      {"option without ' | '", "", question("a", {{"type", "single"}, {"option.a", "甲 | A"}, {"option.b", "乙 B"}}),
       "option.b = 乙 B", "an option is 'Japanese | English'"},
      {"implemented key not an option", "", question("a", with(single, {{"implemented", "a,c"}})), "implemented = a,c",
       "implemented value 'c' is not an option"},
      {"implemented yes_no value not yes/no", "", question("a", {{"implemented", "maybe"}}), "implemented = maybe",
       "implemented value 'maybe' is not an option"},
      {"show_if on an unknown question", "", question("a") + question("b", {{"show_if", "q:zz = yes"}}), "[question b]",
       "unknown question 'zz'"},
      {"show_if value not an option", "", question("p", single) + question("b", {{"show_if", "q:p in a,z"}}),
       "[question b]", "condition value 'z' is not an option of 'p'"},
      {"show_if yes_no value not yes/no", "", question("p") + question("b", {{"show_if", "q:p = maybe"}}),
       "[question b]", "condition value 'maybe' is not an option of 'p'"},
      {"has on a yes_no question", "", question("p") + question("b", {{"show_if", "q:p has yes"}}), "[question b]",
       "'has' is only for multi-choice questions"},
      {"has on a single question", "", question("p", single) + question("b", {{"show_if", "q:p has a"}}),
       "[question b]", "'has' is only for multi-choice questions"},
      {"has on a body attribute", "", question("a", {{"show_if", "body.network_model has beta"}}),
       "show_if = body.network_model has beta", "'has' is only for multi-choice questions"},
      {"cycle a -> b -> a (reported on the question closing it)", "",
       question("a", {{"show_if", "q:b = yes"}}) + question("b", {{"show_if", "q:a = yes"}}), "[question b]",
       "conditions form a cycle (question 'b')"},
      {"cycle a -> b -> c -> a", "",
       question("a", {{"show_if", "q:b = yes"}}) + question("b", {{"show_if", "q:c = yes"}}) +
           question("c", {{"show_if", "q:a = yes"}}),
       "[question c]", "conditions form a cycle (question 'c')"},
      {"self-reference", "", question("x") + question("a", {{"show_if", "q:a = yes"}}), "[question a]",
       "conditions form a cycle (question 'a')"},
      {"lineage missing when previous is set", "t0", question("a", {{"lineage", "new"}}) + question("b"),
       "[question b]", "question 'b' has no lineage"},
      {"lineage without previous", "", question("a", {{"lineage", "same a"}}), "lineage = same a",
       "lineage needs a 'previous' catalogue"},
      {"merged with one id", "t0", question("a", {{"lineage", "merged x"}}), "lineage = merged x",
       "lineage 'merged' has the wrong number of previous ids"},
      {"same with two ids", "t0", question("a", {{"lineage", "same x,y"}}), "lineage = same x,y",
       "lineage 'same' has the wrong number of previous ids"},
      {"new with an id", "t0", question("a", {{"lineage", "new x"}}), "lineage = new x",
       "lineage 'new' has the wrong number of previous ids"},
      {"unknown lineage kind", "t0", question("a", {{"lineage", "moved x"}}), "lineage = moved x",
       "unknown lineage 'moved'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto r = parse_catalog(files(c.c1, c.previous));
    expect_invalid(r.status(), at_line("t/c1.txt", last_line_with(c.c1, c.offending)), c.mention);
  }
}

// ---------------------------------------------------------------------------
// validate_lineage: checks against the previous catalogue.

Catalog previous_catalog() {
  auto r = parse_catalog(files(question("x") + question("y") + question("z"), "", "t0"));
  EXPECT_TRUE(r.ok()) << r.status().message_en();
  return r.ok() ? *r : Catalog{};
}

// A survey's structure comes from its catalogue: any number of categories, numbered 1…N.
TEST(ParseCatalog, TakesAnyNumberOfCategoriesNumberedWithoutGaps) {
  auto three = parse_catalog({SourceFile{"t/catalog.txt", header("t", "", 3)},
                              SourceFile{"t/c1.txt", question("a", {{"category", "3"}})}});
  ASSERT_TRUE(three.ok()) << three.status().message_en();
  EXPECT_EQ(three->categories.size(), 3u);
  EXPECT_EQ(three->questions[0].category, 3);
  auto eleven = parse_catalog({SourceFile{"t/catalog.txt", header("t", "", 11)}, SourceFile{"t/c1.txt", question("a")}});
  ASSERT_TRUE(eleven.ok()) << eleven.status().message_en();
  EXPECT_EQ(eleven->categories.back().number, 11);

  const std::string c1 = question("a", {{"category", "4"}});
  auto beyond = parse_catalog({SourceFile{"t/catalog.txt", header("t", "", 3)}, SourceFile{"t/c1.txt", c1}});
  expect_invalid(beyond.status(), at_line("t/c1.txt", last_line_with(c1, "category = 4")),
                 "is not a category of this catalogue (1-3)");
  std::string gap = header("t", "", 3);
  gap.replace(gap.find("[category 2]"), 12, "[category 5]");
  auto gapped = parse_catalog({SourceFile{"t/catalog.txt", gap}, SourceFile{"t/c1.txt", question("a")}});
  expect_invalid(gapped.status(), at_line("t/catalog.txt", 1), "[category 2] is missing");
  std::string none = "[catalog t]\nfiscal_year = 2026\ntitle.ja = テスト\ntitle.en = Test\n";
  expect_invalid(parse_catalog({SourceFile{"t/catalog.txt", none}, SourceFile{"t/c1.txt", question("a")}}).status(),
                 at_line("t/catalog.txt", 1), "[category 1] is missing");
}

TEST(ValidateLineage, AcceptsEveryKindReferringToExistingQuestions) {
  Catalog old = previous_catalog();
  std::string c1 = question("a", {{"lineage", "same x"}}) + question("b", {{"lineage", "split y"}}) +
                   question("c", {{"lineage", "split y"}}) + question("d", {{"lineage", "merged x,z"}}) +
                   question("e", {{"lineage", "new"}}) + question("f", {{"lineage", "reworded z"}});
  auto cur = parse_catalog(files(c1, "t0"));
  ASSERT_TRUE(cur.ok()) << cur.status().message_en();
  Status s = validate_lineage(*cur, old);
  EXPECT_TRUE(s.ok()) << s.message_en();
}

TEST(ValidateLineage, RejectsBadReferencesNamingFileAndLine) {
  Catalog old = previous_catalog();
  const std::vector<BadCatalog> cases = {
      {"same refers to an absent id", "t0",
       question("a", {{"lineage", "same x"}}) + question("b", {{"lineage", "same gone"}}), "[question b]",
       "lineage refers to 'gone', which is not in t0"},
      {"merged names an absent id", "t0", question("a", {{"lineage", "merged x,gone"}}), "[question a]",
       "lineage refers to 'gone', which is not in t0"},
      {"split named by only one question", "t0",
       question("a", {{"lineage", "same x"}}) + question("b", {{"lineage", "split y"}}), "[question b]",
       "split of 'y' is named by only one question"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto cur = parse_catalog(files(c.c1, c.previous));
    ASSERT_TRUE(cur.ok()) << cur.status().message_en();
    expect_invalid(validate_lineage(*cur, old), at_line("t/c1.txt", last_line_with(c.c1, c.offending)), c.mention);
  }
}

}  // namespace
}  // namespace mamori
