#include "domain/csf.h"

#include <set>
#include <sstream>

#include "base/csv.h"

namespace mamori {

namespace {
constexpr const char* kCode = "invalid_csf";
}  // namespace

const CsfNode* CsfFramework::find(std::string_view id) const {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &nodes[it->second];
}

std::string CsfFramework::function_of(std::string_view id) const {
  const CsfNode* n = find(id);
  while (n && n->level != CsfLevel::kFunction) n = find(n->parent);
  return n ? n->id : std::string();
}

std::string CsfFramework::category_of(std::string_view id) const {
  const CsfNode* n = find(id);
  while (n && n->level == CsfLevel::kSubcategory) n = find(n->parent);
  return n && n->level == CsfLevel::kCategory ? n->id : std::string();
}

Result<CsfFramework> parse_csf_framework(const SourceFile& file) {
  std::vector<int> lines;
  auto rows = parse_csv(file.content, &lines);
  if (!rows.ok()) return text_error(kCode, file.name, 1, "csf.bad_csv");
  if (rows->empty() || (*rows)[0] != std::vector<std::string>{"id", "level", "parent", "title", "statement"})
    return text_error(kCode, file.name, 1, "csf.bad_header");
  CsfFramework f;
  for (size_t i = 1; i < rows->size(); ++i) {
    const auto& r = (*rows)[i];
    const int line = lines[i];
    if (r.size() != 5) return text_error(kCode, file.name, line, "csf.bad_row");
    CsfNode n{r[0], CsfLevel::kFunction, r[2], r[3], r[4]};
    if (r[1] == "category") n.level = CsfLevel::kCategory;
    else if (r[1] == "subcategory") n.level = CsfLevel::kSubcategory;
    else if (r[1] != "function") return text_error(kCode, file.name, line, "csf.bad_level", {{"level", r[1]}});
    if (n.id.empty() || f.index.count(n.id)) return text_error(kCode, file.name, line, "csf.duplicate_id", {{"id", n.id}});
    const CsfNode* parent = n.parent.empty() ? nullptr : f.find(n.parent);
    const bool parent_fits = n.level == CsfLevel::kFunction
                                 ? n.parent.empty()
                                 : parent && static_cast<int>(parent->level) + 1 == static_cast<int>(n.level);
    if (!parent_fits) return text_error(kCode, file.name, line, "csf.bad_parent", {{"id", n.id}, {"parent", n.parent}});
    f.index.emplace(n.id, f.nodes.size());
    f.nodes.push_back(std::move(n));
  }
  return f;
}

Result<CsfMapping> parse_csf_mapping(const SourceFile& file, const Catalog& catalog, const CsfFramework& framework) {
  CsfMapping out;
  out.catalog_id = catalog.id;
  std::set<std::pair<std::string, std::string>> seen;
  std::istringstream in(file.content);
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    const std::string text = trim(raw);
    if (text.empty() || text[0] == '#') continue;
    std::vector<std::string> words;
    std::istringstream w(text);
    for (std::string word; w >> word;) words.push_back(word);
    auto error = [&](const char* why, MessageArgs args = {}) { return text_error(kCode, file.name, line, why, std::move(args)); };
    if (words.size() != 3) return error("csf.bad_mapping_line");
    if (!catalog.find(words[0])) return error("measures.unknown_item", {{"item", words[0]}, {"catalog", catalog.id}});
    auto relation = parse_relation(words[1]);
    if (!relation) return error("measures.unknown_relation", {{"relation", words[1]}});
    const CsfNode* sub = framework.find(words[2]);
    if (!sub || sub->level != CsfLevel::kSubcategory) return error("csf.unknown_subcategory", {{"id", words[2]}});
    if (!seen.emplace(words[0], words[2]).second)
      return error("csf.link_twice", {{"item", words[0]}, {"id", words[2]}});
    out.links.push_back(CsfLink{words[0], *relation, words[2], line});
  }
  return out;
}

CsfCoverage csf_coverage(const CsfFramework& framework, const CsfMapping& mapping, const Catalog& catalog,
                         const std::function<analytics::Ratio(size_t question)>& ratio_of) {
  // node id → question position → its subcategories under the node.
  std::map<std::string, std::map<size_t, std::vector<std::pair<std::string, Relation>>>> under;
  std::map<std::string, std::set<std::string>> mapped_subcategories;
  for (const auto& link : mapping.links) {
    auto pos = catalog.index.find(link.question_id);
    if (pos == catalog.index.end()) continue;
    for (const std::string& node : {framework.function_of(link.subcategory), framework.category_of(link.subcategory)}) {
      under[node][pos->second].emplace_back(link.subcategory, link.relation);
      mapped_subcategories[node].insert(link.subcategory);
    }
  }
  std::map<std::string, int> subcategories;
  for (const auto& n : framework.nodes)
    if (n.level == CsfLevel::kSubcategory) {
      ++subcategories[framework.function_of(n.id)];
      ++subcategories[framework.category_of(n.id)];
    }
  CsfCoverage out;
  for (const auto& n : framework.nodes) {
    if (n.level == CsfLevel::kSubcategory) continue;
    CsfNodeCoverage c;
    c.node = &n;
    c.subcategories = subcategories[n.id];
    c.subcategories_mapped = static_cast<int>(mapped_subcategories[n.id].size());
    for (auto& [question, subs] : under[n.id]) {
      const analytics::Ratio r = ratio_of(question);
      c.ratio.implemented += r.implemented;
      c.ratio.applicable += r.applicable;
      c.questions.push_back(CsfQuestionRef{question, subs});
    }
    (n.level == CsfLevel::kFunction ? out.functions : out.categories).push_back(std::move(c));
  }
  return out;
}

}  // namespace mamori
