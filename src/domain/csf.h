#pragma once
// The NIST Cybersecurity Framework 2.0 view of MIC's survey (issue 14, item 6; docs/MEASURES.md
// "NIST CSF 2.0"): the framework (functions, categories, subcategories) as data, a typed
// mapping from a catalogue's questions to subcategories, and the coverage derived from it.
//
// An indicative projection, not a certification: a function's or category's figure is the
// implementation rate (domain/scoring.h) of the distinct survey questions mapped to any of its
// subcategories — each question counted once per function or category — with the questions it
// rests on and their relations.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/block_text.h"
#include "domain/catalog.h"
#include "domain/scoring.h"
#include "domain/survey_mapping.h"

namespace mamori {

enum class CsfLevel { kFunction, kCategory, kSubcategory };

struct CsfNode {
  std::string id;      // "GV", "GV.OC", "GV.OC-01"
  CsfLevel level = CsfLevel::kFunction;
  std::string parent;  // "" for a function
  std::string title;   // functions and categories ("GOVERN", "Organizational Context")
  std::string statement;
};

struct CsfFramework {
  std::vector<CsfNode> nodes;  // file order: each function, then its categories and subcategories
  std::map<std::string, size_t, std::less<>> index;
  const CsfNode* find(std::string_view id) const;
  // The function or category a node belongs to (itself for a function); "" when none.
  std::string function_of(std::string_view id) const;
  std::string category_of(std::string_view id) const;
};

// Reads the framework's CSV (header id,level,parent,title,statement). InvalidArgument
// "invalid_csf" naming the file and line: an unknown level or parent, a duplicate id.
Result<CsfFramework> parse_csf_framework(const SourceFile& file);

struct CsfLink {
  std::string question_id;
  Relation relation = Relation::kSubset;
  std::string subcategory;
  int line = 0;
};

struct CsfMapping {
  std::string catalog_id;
  std::vector<CsfLink> links;  // file order
};

// Reads `<question> <relation> <subcategory>` lines ('#' comments). InvalidArgument
// "invalid_csf" naming the file and line: an unknown question or relation, an id that is not
// a subcategory, the same link twice.
Result<CsfMapping> parse_csf_mapping(const SourceFile& file, const Catalog& catalog, const CsfFramework& framework);

// The framework and the mapping of each catalogue that has one (measures/csf/).
struct CsfView {
  CsfFramework framework;
  std::map<std::string, CsfMapping, std::less<>> by_catalog;
  const CsfMapping* mapping_of(std::string_view catalog_id) const {
    auto it = by_catalog.find(catalog_id);
    return it == by_catalog.end() ? nullptr : &it->second;
  }
};

// One question a figure rests on: its position in the catalogue and the subcategories (with
// the relation) it is mapped to under the node.
struct CsfQuestionRef {
  size_t question = 0;
  std::vector<std::pair<std::string, Relation>> subcategories;
};

struct CsfNodeCoverage {
  const CsfNode* node = nullptr;
  analytics::Ratio ratio;           // implemented ÷ applicable over `questions`
  int subcategories = 0;            // of the node
  int subcategories_mapped = 0;     // with at least one question
  std::vector<CsfQuestionRef> questions;  // catalogue order
};

struct CsfCoverage {
  std::vector<CsfNodeCoverage> functions;   // framework order
  std::vector<CsfNodeCoverage> categories;  // framework order
};

// The coverage of every function and category, with `ratio_of(i)` the ratio of question i
// (catalogue order) — a body's outcome (0 or 1 applicable) or a group's sum.
CsfCoverage csf_coverage(const CsfFramework& framework, const CsfMapping& mapping, const Catalog& catalog,
                         const std::function<analytics::Ratio(size_t question)>& ratio_of);

}  // namespace mamori
