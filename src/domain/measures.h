// The measure bank: the common measures that several ministries' surveys ask about, each
// with one agreed definition (docs/MEASURES.md). A body's answer to a measure is kept once
// per fiscal year, whichever survey it was given in (ports/reuse.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/block_text.h"
#include "domain/catalog.h"

namespace mamori {

struct Measure {
  std::string id;         // "org.ciso-appointed"
  Text definition;        // what counts, in the words every mapped survey must mean
  QuestionType type = QuestionType::kYesNo;
  std::vector<Option> options;  // single/multi
  std::string unit;       // number/percent: a code ("count", "devices", …), "" when none
  std::string per;        // number: "year" | "month", "" for a state at a point in time
  std::string steward;    // the ministry that keeps the definition (domain/ministry.h)
  int version = 1;
  bool agreed = false;    // state = agreed; a proposed measure is shown but fills nothing
  std::string file;       // where it was defined, for messages
  int line = 0;
  bool has_option(std::string_view key) const;
};

struct MeasureBank {
  std::map<std::string, Measure, std::less<>> by_id;
  const Measure* find(std::string_view id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &it->second;
  }
};

// Parses the bank's files (`[measure <id>]` blocks). The first problem is returned as
// InvalidArgument "invalid_measures" whose message starts with "file:line: ".
Result<MeasureBank> parse_measure_bank(const std::vector<SourceFile>& files);

}  // namespace mamori
