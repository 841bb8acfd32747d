#include "io/body_list.h"

#include <set>

namespace mamori::io {

namespace {

// What the official list holds at least: every prefecture, and nearly every municipality
// (1,741 in the 2024 list; mergers remove a few a decade).
constexpr size_t kPrefectures = 47;
constexpr size_t kMinMunicipalities = 1700;

// 北方領土: codes exist, no functioning government, not surveyed.
const std::set<std::string> kNorthernTerritories = {"016951", "016969", "016977", "016985", "016993", "017001"};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const std::string& cell(const std::vector<std::string>& row, size_t i) {
  static const std::string kEmpty;
  return i < row.size() ? row[i] : kEmpty;
}

// InvalidArgument "invalid_body_list" naming the sheet and row; `why` is a "body_list.*"
// message key.
Status row_error(const Sheet& sheet, size_t row, const std::string& why, MessageArgs args = {}) {
  args.insert(args.begin(), {{"sheet", sheet.name}, {"row", std::to_string(row + 1)}});
  return Status::InvalidArgument("invalid_body_list", std::move(args)).with_message("body_list." + why);
}

}  // namespace

Result<std::vector<Body>> parse_official_body_list(const std::vector<Sheet>& sheets) {
  if (sheets.size() < 2)
    return Status::InvalidArgument("invalid_body_list").with_message("body_list.two_sheets");
  std::set<std::string> sheet2_codes;
  for (size_t r = 1; r < sheets[1].rows.size(); ++r) {
    const auto& code = cell(sheets[1].rows[r], 0);
    if (!code.empty()) sheet2_codes.insert(code);
  }

  std::vector<Body> bodies;
  std::set<std::string> seen;
  const Sheet& s1 = sheets[0];
  for (size_t r = 1; r < s1.rows.size(); ++r) {
    const auto& row = s1.rows[r];
    const std::string& code = cell(row, 0);
    if (code.empty()) continue;
    if (Status st = validate_body_code(code); !st.ok()) return row_error(s1, r, st.message_key(), st.args());
    if (!seen.insert(code).second) return row_error(s1, r, "duplicate_code");
    if (kNorthernTerritories.count(code)) continue;

    Body b;
    b.code = code;
    b.prefecture_code = code.substr(0, 2);
    const std::string& city = cell(row, 2);
    if (city.empty()) {
      if (code.substr(2, 3) != "000") return row_error(s1, r, "municipality_missing");
      b.type = BodyType::kPrefecture;
      b.name_ja = cell(row, 1);
      b.name_kana = cell(row, 3);
    } else {
      b.name_ja = city;
      b.name_kana = cell(row, 4);
      if (sheet2_codes.count(code))
        b.type = BodyType::kDesignatedCity;
      else if (code >= "131016" && code <= "131237")
        b.type = BodyType::kSpecialWard;
      else if (ends_with(city, "市"))
        b.type = BodyType::kCity;
      else if (ends_with(city, "町"))
        b.type = BodyType::kTown;
      else if (ends_with(city, "村"))
        b.type = BodyType::kVillage;
      else
        return row_error(s1, r, "type_unknown");
    }
    if (b.name_ja.empty()) return row_error(s1, r, "name_missing");
    bodies.push_back(std::move(b));
  }
  // A well-formed workbook that is not the official list (an empty sheet, another table, a
  // cut-down copy) must not pass as one with too few bodies.
  size_t prefectures = 0;
  for (const auto& b : bodies) prefectures += b.type == BodyType::kPrefecture;
  if (prefectures != kPrefectures || bodies.size() - prefectures < kMinMunicipalities)
    return Status::InvalidArgument("invalid_body_list",
                                   {{"count", std::to_string(bodies.size())}, {"prefectures", std::to_string(prefectures)}})
        .with_message("body_list.too_few");
  return bodies;
}

Result<std::vector<Body>> load_official_body_list(const std::string& xlsx_path) {
  auto sheets = read_xlsx(xlsx_path);
  if (!sheets.ok()) return sheets.status();
  return parse_official_body_list(*sheets);
}

}  // namespace mamori::io
