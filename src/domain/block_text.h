// The text format that catalogues (docs/CATALOG_FORMAT.md) and the measure bank
// (docs/MEASURES.md) share: `#` comments, blank lines, `[kind id]` blocks, and inside a block
// one `key = value` per line (each key once). Pure: the caller reads the files.
//
// Every error is InvalidArgument with the caller's code ("invalid_catalog",
// "invalid_measures") and a message keyed `catalog.*` or `measures.*` (base/messages.cpp)
// whose text starts "{file}:{line}: ".
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/catalog.h"

namespace mamori {

struct SourceFile {
  std::string name;     // shown in messages, e.g. "catalog/fy2026/c1.txt"
  std::string content;  // UTF-8
};

// InvalidArgument `code` at file:line with the message `why` filled by `args`.
Status text_error(const char* code, const std::string& file, int line, const char* why, MessageArgs args = {});

struct BlockEntry {
  std::string value;
  int line = 0;
};

struct TextBlock {
  std::string kind, id, file;
  int line = 0;
  std::map<std::string, BlockEntry> keys;
};

// Reads the blocks of `files` in order; `kinds` are the block kinds allowed.
Result<std::vector<TextBlock>> read_blocks(const std::vector<SourceFile>& files, const std::set<std::string>& kinds,
                                           const char* code);

// Reads keys from one block; reports unknown and missing keys by line. Refers to `b`, which
// must outlive it.
class KeyReader {
 public:
  KeyReader(const TextBlock& b, const char* code) : b_(b), code_(code) {}
  std::optional<std::string> get(const std::string& key);
  int line_of(const std::string& key) const;
  Status require(const std::string& key, std::string* out);
  // `base`.ja and `base`.en, both required.
  Status text(const std::string& base, Text* out);
  // Keys that start with `prefix` (e.g. "option."), without it, in line order.
  std::vector<std::pair<std::string, BlockEntry>> with_prefix(const std::string& prefix);
  // The first key no get()/require()/with_prefix() asked for, as "catalog.unknown_key".
  Status no_unknown() const;
  // An error at this block's line (or `line`) with the reader's code.
  Status error(int line, const char* why, MessageArgs args = {}) const;
  const TextBlock& block() const { return b_; }
  const char* code() const { return code_; }

 private:
  const TextBlock& b_;
  const char* code_;
  std::set<std::string> used_;
};

std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
// A finite number ("nan" and "inf" are not).
std::optional<double> to_number(std::string_view s);
// `[a-z0-9][a-z0-9_.-]*`, at most 64 characters.
bool valid_id(std::string_view id);
// `[a-z0-9_]+`.
bool valid_option_key(std::string_view k);
// "日本語 | English" → Text; errors "catalog.bad_option_format", "catalog.option_needs_both".
Result<Text> parse_pair(const char* code, const std::string& file, int line, const std::string& v);
// The `option.<key> = ja | en` lines of a block, in line order, checked.
Result<std::vector<Option>> read_options(KeyReader& k);

}  // namespace mamori
