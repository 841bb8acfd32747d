#include "http/request.h"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>

namespace mamori::http {

namespace {
std::vector<std::string_view> split_path(std::string_view p) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '/') {
      ++i;
      continue;
    }
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    out.push_back(p.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

std::optional<std::string> Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return v;
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto h = header("cookie");
  if (!h) return std::nullopt;
  std::string_view s = *h;
  while (!s.empty()) {
    size_t semi = s.find(';');
    std::string_view part = s.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

std::optional<std::string> Request::query(std::string_view name) const {
  auto parsed = boost::urls::parse_query(query_string);
  if (!parsed) return std::nullopt;
  for (auto p : *parsed)
    if (p.key.decode() == name) return p.value.decode();
  return std::nullopt;
}

bool query_is_valid(const std::string& query_string) { return boost::urls::parse_query(query_string).has_value(); }

const std::string& Request::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

bool match_pattern(const std::string& pattern, const std::string& path, std::map<std::string, std::string>* params) {
  auto pp = split_path(pattern);
  auto sp = split_path(path);
  if (pp.size() != sp.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < pp.size(); ++i) {
    if (pp[i].size() > 2 && pp[i].front() == '{' && pp[i].back() == '}') {
      found[std::string(pp[i].substr(1, pp[i].size() - 2))] = std::string(sp[i]);
    } else if (pp[i] != sp[i]) {
      return false;
    }
  }
  if (params) *params = std::move(found);
  return true;
}

}  // namespace mamori::http
