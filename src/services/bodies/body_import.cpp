#include "services/bodies/body_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "base/csv.h"

namespace mamori {

Result<int64_t> import_official_bodies(store::Store& store, std::vector<Body> official) {
  auto existing = store.list_bodies({.limit = 1000000});
  if (!existing.ok()) return existing.status();
  std::map<std::string, const Body*> by_code;
  for (const auto& b : *existing) by_code[b.code] = &b;
  for (auto& b : official) {
    auto it = by_code.find(b.code);
    if (it == by_code.end()) continue;
    b.core_city = it->second->core_city;
    b.network_model = it->second->network_model;
    b.population_band = it->second->population_band;
  }
  MAMORI_RETURN_IF_ERROR(store.upsert_bodies(official));
  return static_cast<int64_t>(official.size());
}

namespace {
const std::vector<std::string> kHeader = {"code",      "name_ja",       "name_kana",       "type",
                                          "core_city", "network_model", "population_band", "members"};

Status line_error(size_t line, const std::string& ja, const std::string& en) {
  return Status::InvalidArgument("invalid_csv", std::to_string(line) + "行目：" + ja,
                                 "Line " + std::to_string(line) + ": " + en);
}
}  // namespace

Result<int64_t> import_bodies_csv(store::Store& store, const std::string& csv_text) {
  std::vector<int> lines;
  auto rows = parse_csv(csv_text, &lines);
  if (!rows.ok()) return rows.status();
  if (rows->empty() || (*rows)[0] != kHeader)
    return line_error(
        1, "見出し行は「code,name_ja,name_kana,type,core_city,network_model,population_band,members」にしてください。",
        "the header must be code,name_ja,name_kana,type,core_city,network_model,population_band,members.");
  auto existing = store.list_bodies({.limit = 1000000});
  if (!existing.ok()) return existing.status();
  std::map<std::string, Body> known;
  for (const auto& b : *existing) known[b.code] = b;
  std::set<std::string> in_file;
  std::vector<Body> out;
  for (size_t i = 1; i < rows->size(); ++i) {
    const auto& r = (*rows)[i];
    size_t line = static_cast<size_t>(lines[i]);
    if (r.size() == 1 && r[0].empty()) continue;  // blank line
    if (r.size() != kHeader.size())
      return line_error(line, "列の数が" + std::to_string(kHeader.size()) + "ではありません。",
                        "expected " + std::to_string(kHeader.size()) + " columns.");
    const std::string& code = r[0];
    if (Status s = validate_body_code(code); !s.ok()) return line_error(line, s.message_ja(), s.message_en());
    if (!in_file.insert(code).second) return line_error(line, "団体コードが重複しています。", "duplicate body code.");
    auto it = known.find(code);
    Body b = Body{.code = code, .prefecture_code = code.substr(0, 2)};
    if (it != known.end()) {
      auto full = store.get_body(code);  // with its members
      if (!full.ok()) return full.status();
      b = std::move(*full);
    }
    if (!r[1].empty()) b.name_ja = r[1];
    if (!r[2].empty()) b.name_kana = r[2];
    if (!r[3].empty()) {
      auto t = parse_body_type(r[3]);
      if (!t) return line_error(line, "団体の種類「" + r[3] + "」は不明です。", "unknown type '" + r[3] + "'.");
      if (it != known.end() && *t != it->second.type)
        return line_error(line, "既存の団体の種類は変更できません。", "the type of an existing body cannot change.");
      b.type = *t;
    }
    if (it == known.end()) {
      if (b.name_ja.empty()) return line_error(line, "新しい団体には名称が必要です。", "a new body needs a name.");
      if (r[3] != "union" && r[3] != "independent_agency")
        return line_error(
            line,
            "新しく登録できるのは union（一部事務組合・広域連合）と independent_agency（地方独立行政法人）だけです。",
            "only union and independent_agency bodies can be added.");
    }
    if (r[4] == "1" || r[4] == "true")
      b.core_city = true;
    else if (r[4] == "0" || r[4] == "false")
      b.core_city = false;
    else if (!r[4].empty())
      return line_error(line, "core_city は 1 か 0 です。", "core_city must be 1 or 0.");
    if (!r[5].empty()) {
      if (!is_valid_network_model(r[5]))
        return line_error(line, "network_model は alpha / alpha_prime / beta / beta_prime です。",
                          "bad network_model.");
      b.network_model = r[5];
    }
    if (!r[6].empty()) {
      if (!is_valid_population_band(r[6]))
        return line_error(line,
                          "population_band は lt10k, 10k_50k, 50k_100k, 100k_300k, 300k_1m, ge1m のいずれかです。",
                          "population_band must be one of lt10k, 10k_50k, 50k_100k, 100k_300k, 300k_1m, ge1m.");
      b.population_band = r[6];
    }
    if (!r[7].empty()) {
      if (b.type != BodyType::kUnion)
        return line_error(line, "構成団体は一部事務組合・広域連合にだけ指定できます。", "only a union has members.");
      b.members.clear();
      std::istringstream ms(r[7]);
      std::string m;
      while (ms >> m) {
        if (!validate_body_code(m).ok() || !known.count(m))
          return line_error(line, "構成団体「" + m + "」は登録されていません。", "member " + m + " is not registered.");
        if (std::find(b.members.begin(), b.members.end(), m) != b.members.end())
          return line_error(line, "構成団体「" + m + "」が重複しています。", "member " + m + " is listed twice.");
        b.members.push_back(m);
      }
    }
    out.push_back(std::move(b));
  }
  MAMORI_RETURN_IF_ERROR(store.upsert_bodies(out));
  return static_cast<int64_t>(out.size());
}

}  // namespace mamori
