#include "services/bodies/body_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "base/csv.h"

namespace mamori {

Result<int64_t> import_official_bodies(ports::BodyRepository& store, std::vector<Body> official) {
  MAMORI_ASSIGN_OR_RETURN(auto existing, store.list_bodies({.limit = 1000000}));
  std::map<std::string, const Body*> by_code;
  for (const auto& b : existing) by_code[b.code] = &b;
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

// InvalidArgument "invalid_csv" naming the file's line; `why` is a "csv.*" message key.
Status line_error(size_t line, const std::string& why, MessageArgs args = {}) {
  args.insert(args.begin(), {"line", std::to_string(line)});
  return Status::InvalidArgument("invalid_csv", std::move(args)).with_message("csv." + why);
}
}  // namespace

Result<int64_t> import_bodies_csv(ports::BodyRepository& store, const std::string& csv_text) {
  std::vector<int> lines;
  MAMORI_ASSIGN_OR_RETURN(auto rows, parse_csv(csv_text, &lines));
  if (rows.empty() || (rows)[0] != kHeader)
    return line_error(1, "header");
  MAMORI_ASSIGN_OR_RETURN(auto existing, store.list_bodies({.limit = 1000000}));
  std::map<std::string, Body> known;
  for (const auto& b : existing) known[b.code] = b;
  std::set<std::string> in_file;
  std::vector<Body> out;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = (rows)[i];
    size_t line = static_cast<size_t>(lines[i]);
    if (r.size() == 1 && r[0].empty()) continue;  // blank line
    if (r.size() != kHeader.size())
      return line_error(line, "columns", {{"n", std::to_string(kHeader.size())}});
    const std::string& code = r[0];
    if (Status s = validate_body_code(code); !s.ok()) return line_error(line, s.message_key(), s.args());
    if (!in_file.insert(code).second) return line_error(line, "duplicate_code");
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
      if (!t) return line_error(line, "unknown_type", {{"type", r[3]}});
      if (it != known.end() && *t != it->second.type)
        return line_error(line, "type_change");
      b.type = *t;
    }
    if (it == known.end()) {
      if (b.name_ja.empty()) return line_error(line, "name_required");
      if (r[3] != "union" && r[3] != "independent_agency")
        return line_error(line, "new_type");
    }
    if (r[4] == "1" || r[4] == "true")
      b.core_city = true;
    else if (r[4] == "0" || r[4] == "false")
      b.core_city = false;
    else if (!r[4].empty())
      return line_error(line, "core_city");
    if (!r[5].empty()) {
      if (!is_valid_network_model(r[5]))
        return line_error(line, "network_model");
      b.network_model = r[5];
    }
    if (!r[6].empty()) {
      if (!is_valid_population_band(r[6]))
        return line_error(line, "population_band");
      b.population_band = r[6];
    }
    if (!r[7].empty()) {
      if (b.type != BodyType::kUnion)
        return line_error(line, "members_not_union");
      b.members.clear();
      std::istringstream ms(r[7]);
      std::string m;
      while (ms >> m) {
        if (!validate_body_code(m).ok() || !known.count(m))
          return line_error(line, "member_unknown", {{"code", m}});
        if (std::find(b.members.begin(), b.members.end(), m) != b.members.end())
          return line_error(line, "member_twice", {{"code", m}});
        b.members.push_back(m);
      }
    }
    out.push_back(std::move(b));
  }
  MAMORI_RETURN_IF_ERROR(store.upsert_bodies(out));
  return static_cast<int64_t>(out.size());
}

}  // namespace mamori
