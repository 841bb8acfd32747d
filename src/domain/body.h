// Bodies (団体): the local public bodies that answer the survey.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mamori {

enum class BodyType { kPrefecture, kDesignatedCity, kSpecialWard, kCity, kTown, kVillage, kUnion, kIndependentAgency };

// Stable names used in the API, catalogue conditions and the database.
std::string_view to_string(BodyType t);
std::optional<BodyType> parse_body_type(std::string_view s);
// 都道府県, 政令指定都市, 特別区, 市, 町, 村, 一部事務組合・広域連合, 地方独立行政法人
std::string_view body_type_label_ja(BodyType t);

bool is_valid_network_model(std::string_view s);    // alpha, alpha_prime, beta, beta_prime
bool is_valid_population_band(std::string_view s);  // lt10k … ge1m

struct Body {
  std::string code;  // 6 digits, last one a mod-11 check digit
  std::string name_ja;
  std::string name_kana;  // as given (half-width kana in the official list)
  BodyType type = BodyType::kCity;
  std::string prefecture_code;       // "01" … "47"
  bool core_city = false;            // 中核市
  std::string network_model;         // "" when unknown
  std::string population_band;       // "" when unknown
  std::vector<std::string> members;  // member municipalities (unions only)
};

// What places a body in the comparison groups (aggregates.h groups_of) and what catalogue
// conditions on `body.*` read. Frozen per response when its campaign closes, so that a later
// change of a body's attributes moves no published figure (issue 12 §5).
struct GroupAttributes {
  BodyType type = BodyType::kCity;
  std::string prefecture_code;
  bool core_city = false;
  std::string network_model;
  std::string population_band;
  bool operator==(const GroupAttributes&) const = default;
};

GroupAttributes group_attributes_of(const Body& b);
// `b` as it stood when `g` was frozen: its group attributes replaced, the rest kept.
Body with_group_attributes(Body b, const GroupAttributes& g);

// The prefecture part ("01"…"47") of a body code.
inline std::string prefecture_of_code(std::string_view code) { return std::string(code.substr(0, 2)); }
// Whether `code` is a prefecture's own code (PP000C).
inline bool is_prefecture_code(std::string_view code) { return code.size() == 6 && code.substr(2, 3) == "000"; }
// Whether `p` is a prefecture number as filters take it: two digits, "01" … "47".
inline bool is_prefecture_number(std::string_view p) {
  return p.size() == 2 && p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p >= "01" && p <= "47";
}

// The mod-11 check digit of the first five digits of a body code.
int body_code_check_digit(std::string_view first_five);
// Ok when `code` is 6 ASCII digits with a correct check digit and a prefecture
// part 01–47; otherwise InvalidArgument "invalid_body_code".
Status validate_body_code(std::string_view code);

}  // namespace mamori
