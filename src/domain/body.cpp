#include "domain/body.h"

#include <array>

namespace mamori {

namespace {
struct TypeName {
  BodyType type;
  std::string_view name;
  std::string_view label_ja;
};
constexpr std::array<TypeName, 8> kTypes{{
    {BodyType::kPrefecture, "prefecture", "都道府県"},
    {BodyType::kDesignatedCity, "designated_city", "政令指定都市"},
    {BodyType::kSpecialWard, "special_ward", "特別区"},
    {BodyType::kCity, "city", "市"},
    {BodyType::kTown, "town", "町"},
    {BodyType::kVillage, "village", "村"},
    {BodyType::kUnion, "union", "一部事務組合・広域連合"},
    {BodyType::kIndependentAgency, "independent_agency", "地方独立行政法人"},
}};
}  // namespace

std::string_view to_string(BodyType t) {
  for (const auto& e : kTypes)
    if (e.type == t) return e.name;
  return "city";
}

std::string_view body_type_label_ja(BodyType t) {
  for (const auto& e : kTypes)
    if (e.type == t) return e.label_ja;
  return "";
}

std::optional<BodyType> parse_body_type(std::string_view s) {
  for (const auto& e : kTypes)
    if (e.name == s) return e.type;
  return std::nullopt;
}

bool is_valid_network_model(std::string_view s) {
  return s == "alpha" || s == "alpha_prime" || s == "beta" || s == "beta_prime";
}

bool is_valid_population_band(std::string_view s) {
  return s == "lt10k" || s == "10k_50k" || s == "50k_100k" || s == "100k_300k" || s == "300k_1m" || s == "ge1m";
}

int body_code_check_digit(std::string_view d) {
  int sum = 0;
  for (int i = 0; i < 5; ++i) sum += (d[static_cast<size_t>(i)] - '0') * (6 - i);
  int r = sum % 11;
  return (11 - r) % 10;  // remainder 0 gives 1, remainder 1 gives 0
}

GroupAttributes group_attributes_of(const Body& b) {
  return {b.type, b.prefecture_code, b.core_city, b.network_model, b.population_band};
}

Body with_group_attributes(Body b, const GroupAttributes& g) {
  b.type = g.type;
  b.prefecture_code = g.prefecture_code;
  b.core_city = g.core_city;
  b.network_model = g.network_model;
  b.population_band = g.population_band;
  return b;
}

Status validate_body_code(std::string_view code) {
  auto bad = [&](const char* why) {
    return Status::InvalidArgument("invalid_body_code", {{"code", std::string(code)}}).with_message(why);
  };
  if (code.size() != 6) return bad("invalid_body_code.digits");
  for (char c : code)
    if (c < '0' || c > '9') return bad("invalid_body_code.digits");
  int pref = (code[0] - '0') * 10 + (code[1] - '0');
  if (pref < 1 || pref > 47) return bad("invalid_body_code.prefecture");
  if (body_code_check_digit(code.substr(0, 5)) != code[5] - '0') return bad("invalid_body_code.check_digit");
  return Status::Ok();
}

}  // namespace mamori
