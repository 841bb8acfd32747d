#include "domain/block_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mamori {

Status text_error(const char* code, const std::string& file, int line, const char* why, MessageArgs args) {
  args.insert(args.begin(), {{"file", file}, {"line", std::to_string(line)}});
  return Status::InvalidArgument(code, std::move(args)).with_message(why);
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(sep, i);
    out.push_back(trim(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i)));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

std::optional<double> to_number(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto ok_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  };
  if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'))) return false;
  return std::all_of(id.begin(), id.end(), ok_char);
}

bool valid_option_key(std::string_view k) {
  return !k.empty() && std::all_of(k.begin(), k.end(),
                                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

Result<std::vector<TextBlock>> read_blocks(const std::vector<SourceFile>& files, const std::set<std::string>& kinds,
                                           const char* code) {
  std::vector<TextBlock> blocks;
  for (const auto& f : files) {
    int line_no = 0;
    size_t pos = 0;
    bool in_block = false;
    while (pos <= f.content.size()) {
      size_t nl = f.content.find('\n', pos);
      std::string_view raw(f.content.data() + pos, (nl == std::string::npos ? f.content.size() : nl) - pos);
      pos = nl == std::string::npos ? f.content.size() + 1 : nl + 1;
      ++line_no;
      std::string line = trim(raw);
      if (line.empty() || line[0] == '#') continue;
      if (line.front() == '[') {
        if (line.back() != ']') return text_error(code, f.name, line_no, "catalog.missing_bracket");
        auto parts = split(std::string_view(line).substr(1, line.size() - 2), ' ');
        parts.erase(std::remove(parts.begin(), parts.end(), ""), parts.end());
        if (parts.size() != 2) return text_error(code, f.name, line_no, "catalog.bad_block_header");
        if (!kinds.count(parts[0])) return text_error(code, f.name, line_no, "catalog.unknown_block", {{"kind", parts[0]}});
        blocks.push_back(TextBlock{parts[0], parts[1], f.name, line_no, {}});
        in_block = true;
        continue;
      }
      size_t eq = line.find('=');
      if (eq == std::string::npos) return text_error(code, f.name, line_no, "catalog.expected_key_value");
      if (!in_block) return text_error(code, f.name, line_no, "catalog.value_outside_block");
      std::string key = trim(std::string_view(line).substr(0, eq));
      std::string value = trim(std::string_view(line).substr(eq + 1));
      if (!blocks.back().keys.emplace(key, BlockEntry{value, line_no}).second)
        return text_error(code, f.name, line_no, "catalog.duplicate_key", {{"key", key}});
    }
  }
  return blocks;
}

std::optional<std::string> KeyReader::get(const std::string& key) {
  used_.insert(key);
  auto it = b_.keys.find(key);
  if (it == b_.keys.end()) return std::nullopt;
  return it->second.value;
}

int KeyReader::line_of(const std::string& key) const {
  auto it = b_.keys.find(key);
  return it == b_.keys.end() ? b_.line : it->second.line;
}

Status KeyReader::require(const std::string& key, std::string* out) {
  auto v = get(key);
  if (!v || v->empty()) return error(b_.line, "catalog.missing_key", {{"id", b_.id}, {"key", key}});
  *out = *v;
  return Status::Ok();
}

Status KeyReader::text(const std::string& base, Text* out) {
  MAMORI_RETURN_IF_ERROR(require(base + ".ja", &out->ja));
  return require(base + ".en", &out->en);
}

std::vector<std::pair<std::string, BlockEntry>> KeyReader::with_prefix(const std::string& prefix) {
  std::vector<std::pair<std::string, BlockEntry>> out;
  for (auto& [k, e] : b_.keys)
    if (k.rfind(prefix, 0) == 0) {
      used_.insert(k);
      out.emplace_back(k.substr(prefix.size()), e);
    }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second.line < b.second.line; });
  return out;
}

Status KeyReader::no_unknown() const {
  for (auto& [k, e] : b_.keys)
    if (!used_.count(k)) return error(e.line, "catalog.unknown_key", {{"key", k}});
  return Status::Ok();
}

Status KeyReader::error(int line, const char* why, MessageArgs args) const {
  return text_error(code_, b_.file, line, why, std::move(args));
}

Result<Text> parse_pair(const char* code, const std::string& file, int line, const std::string& v) {
  size_t bar = v.find('|');
  if (bar == std::string::npos || v.find('|', bar + 1) != std::string::npos)
    return text_error(code, file, line, "catalog.bad_option_format");
  Text t{trim(std::string_view(v).substr(0, bar)), trim(std::string_view(v).substr(bar + 1))};
  if (t.ja.empty() || t.en.empty()) return text_error(code, file, line, "catalog.option_needs_both");
  return t;
}

Result<std::vector<Option>> read_options(KeyReader& k) {
  std::vector<Option> out;
  for (auto& [key, e] : k.with_prefix("option.")) {
    if (!valid_option_key(key)) return k.error(e.line, "catalog.bad_option_key", {{"key", key}});
    MAMORI_ASSIGN_OR_RETURN(Text label, parse_pair(k.code(), k.block().file, e.line, e.value));
    out.push_back(Option{key, std::move(label)});
  }
  return out;
}

}  // namespace mamori
