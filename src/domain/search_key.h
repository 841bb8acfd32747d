// The key two texts are compared by when a person searches a list: NFKC (half-width katakana
// and full-width letters become their usual forms), katakana folded to hiragana, Latin
// letters lower-cased. So "さっぽろ", "サッポロ" and "ｻｯﾎﾟﾛ" all find "ｻｯﾎﾟﾛｼ". For comparing only:
// NFKC is lossy, so what users typed is stored as typed.
#pragma once

#include <string>
#include <string_view>

namespace mamori {

// `text` must be UTF-8; invalid sequences are replaced (U+FFFD) rather than refused.
std::string search_key(std::string_view text);

}  // namespace mamori
