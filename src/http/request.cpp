#include "http/request.h"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>

#include "base/csv.h"

namespace mamori::http {

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

bool query_is_valid(const std::string& query_string) {
  auto parsed = boost::urls::parse_query(query_string);
  if (!parsed) return false;
  // Every name and value must decode to UTF-8 text: "%ff" or a character cut in half
  // ("%e6%9c") is malformed, never bytes to match against names.
  for (auto p : *parsed)
    if (!is_valid_utf8(p.key.decode()) || (p.has_value && !is_valid_utf8(p.value.decode()))) return false;
  return true;
}

const std::string& Request::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

PathPattern::PathPattern(std::string_view pattern) {
  for (std::string_view seg : split_path(pattern)) {
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}')
      segments_.push_back({std::string(seg.substr(1, seg.size() - 2)), true});
    else
      segments_.push_back({std::string(seg), false});
  }
}

bool PathPattern::match(const std::vector<std::string_view>& segments,
                        std::map<std::string, std::string>* params) const {
  if (segments.size() != segments_.size()) return false;
  for (size_t i = 0; i < segments_.size(); ++i)
    if (!segments_[i].param && segments_[i].text != segments[i]) return false;
  if (params) {
    params->clear();
    for (size_t i = 0; i < segments_.size(); ++i)
      if (segments_[i].param) (*params)[segments_[i].text] = std::string(segments[i]);
  }
  return true;
}

}  // namespace mamori::http
