#include "domain/search_key.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace mamori {

std::string search_key(std::string_view text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString n = U_SUCCESS(err) ? nfkc->normalize(s, err) : s;
  if (U_FAILURE(err)) n = s;
  n.trim();  // a search box's leading or trailing spaces (full-width ones too, after NFKC) find everything
  for (int32_t i = 0; i < n.length(); ++i) {
    char16_t c = n.charAt(i);
    if (c >= u'\u30A1' && c <= u'\u30F6') n.setCharAt(i, static_cast<char16_t>(c - 0x60));  // ァ…ヶ → ぁ…ゖ
    else if (c >= u'A' && c <= u'Z') n.setCharAt(i, static_cast<char16_t>(c + 0x20));
  }
  std::string out;
  n.toUTF8String(out);
  return out;
}

}  // namespace mamori
