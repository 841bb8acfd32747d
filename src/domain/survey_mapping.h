// Typed mappings from one survey's items to the measure bank, with the NIST OLIR relations
// (docs/MEASURES.md): what lets an answer given in one ministry's survey fill the others.
// Pure: parsing, validation against the catalogue and the bank, and value conversion.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/block_text.h"
#include "domain/catalog.h"
#include "domain/measures.h"

namespace mamori {

// The item relative to the measure (NIST IR 8278 OLIR set-theory relations).
enum class Relation { kEqual, kSubset, kSuperset, kIntersect };
std::string_view to_string(Relation r);
std::optional<Relation> parse_relation(std::string_view s);

// How an item's value becomes the measure's: `scale F` (numbers: measure = item × F, e.g. a
// monthly count and a yearly one, F = 12) or `map a=x,b=y` (choice keys, one to one).
struct Transform {
  enum class Kind { kNone, kScale, kMap };
  Kind kind = Kind::kNone;
  double factor = 1;
  std::vector<std::pair<std::string, std::string>> pairs;  // item key → measure key
};

struct ItemMapping {
  std::string question_id;
  Relation relation = Relation::kEqual;
  std::string measure_id;
  Transform transform;
  std::string file;  // where it was written, for messages
  int line = 0;
};

struct SurveyMapping {
  std::string catalog_id;
  std::vector<ItemMapping> items;  // file order
  const ItemMapping* find(std::string_view question_id) const;
  const ItemMapping* find_measure(std::string_view measure_id) const;  // the first item mapped to it
  std::map<std::string, size_t, std::less<>> by_question;
};

// The bank and every survey's mapping: what the server loads at start (io/measure_loader.h).
struct Crosswalk {
  MeasureBank bank;
  std::map<std::string, SurveyMapping, std::less<>> by_catalog;  // catalogue id → its mapping
  const SurveyMapping* mapping_of(std::string_view catalog_id) const {
    auto it = by_catalog.find(catalog_id);
    return it == by_catalog.end() ? nullptr : &it->second;
  }
};

// Parses one mapping file (`<item> <relation> <measure> [transform]` per line) of `catalog`
// and validates every line against the catalogue and the bank: known ids, each item once,
// compatible types, and for `equal` the same options, unit and period unless a transform
// says how to convert. The first problem is InvalidArgument "invalid_measures" whose message
// starts with "file:line: ".
Result<SurveyMapping> parse_survey_mapping(const SourceFile& file, const Catalog& catalog, const MeasureBank& bank);

// An item's value in the measure's terms, and a measure's value in the item's terms (the
// transform, or the value as it is); nullopt when it has no counterpart (a key the map or
// the other side does not know). The caller validates the result against its question.
std::optional<boost::json::value> item_to_measure(const ItemMapping& m, const boost::json::value& item_value);
std::optional<boost::json::value> measure_to_item(const ItemMapping& m, const boost::json::value& measure_value);

}  // namespace mamori
