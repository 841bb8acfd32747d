#include "base/messages.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace mamori {
namespace {

// The placeholder names of a text, a language suffix dropped ("{state_ja}" → "state"): a
// value may come in each language, but both texts must name the same things.
std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> out;
  static const std::regex kName(R"re(\{([a-z_]+?)(?:_ja|_en)?\})re");
  std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kName); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

TEST(Messages, EveryEntryHasBothLanguagesWithTheSamePlaceholders) {
  auto keys = message_keys();
  ASSERT_FALSE(keys.empty());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(keys[i - 1], keys[i]) << "the table must be sorted and keys unique: " << keys[i];
    }
    // Render without values, so the placeholders stay visible.
    Message m = render(keys[i]);
    EXPECT_FALSE(m.ja.empty()) << keys[i];
    EXPECT_FALSE(m.en.empty()) << keys[i];
    EXPECT_EQ(placeholders(m.ja), placeholders(m.en)) << keys[i];
  }
}

TEST(Messages, FillsPlaceholdersFromTheStatusValues) {
  Status s = Status::InvalidArgument("unknown_body", {{"code", "011002"}});
  EXPECT_EQ(s.message_ja(), "団体「011002」は登録されていません。");
  EXPECT_EQ(s.message_en(), "Body 011002 is not registered.");
  Status variant = Status::Aborted("stale_version", {{"who", "札幌 花子"}}).with_message("stale_version.other");
  EXPECT_EQ(variant.error_code(), "stale_version");
  EXPECT_NE(variant.message_ja().find("札幌 花子"), std::string::npos);
}

TEST(Messages, AnUnknownKeyRendersTheGenericInternalMessage) {
  EXPECT_EQ(render("no.such.key").ja, render("internal").ja);
  EXPECT_FALSE(has_message("no.such.key"));
}

// Every message key written in the source has an entry: a scan of src/ for the ways a key
// is written (a Status code, with_message, a field message, and the file-place helpers
// that add a prefix).
TEST(Messages, EveryKeyUsedInTheSourceIsInTheTable) {
  struct Pattern {
    std::regex re;
    std::string prefix;
  };
  const std::vector<Pattern> patterns = {
      {std::regex(R"re(Status::(?:InvalidArgument|Unauthenticated|PermissionDenied|NotFound|AlreadyExists|Aborted|)re"
                  R"re(FailedPrecondition|ResourceExhausted|Unavailable)\(\s*"([a-z0-9_.]+)")re"),
       ""},
      {std::regex(R"re(Status::Error\(\s*StatusCode::\w+,\s*"([a-z0-9_.]+)")re"), ""},
      {std::regex(R"re(with_message\(\s*"([a-z0-9_.]+)")re"), ""},
      {std::regex(R"re(render\(\s*"([a-z0-9_.]+)")re"), ""},
      {std::regex(R"re("((?:field|value|catalog)\.[a-z0-9_.]+)")re"), ""},
      {std::regex(R"re(line_error\(\s*\w+,\s*"([a-z0-9_.]+)")re"), "csv."},
      {std::regex(R"re(row_error\(\s*\w+,\s*\w+,\s*"([a-z0-9_.]+)")re"), "body_list."},
      {std::regex(R"re(broken\(\s*"([a-z0-9_.]+)")re"), "broken_xlsx."},
  };
  size_t found = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(MAMORI_SOURCE_DIR) + "/src")) {
    const auto& path = entry.path();
    if (path.extension() != ".cpp" && path.extension() != ".h") continue;
    if (path.filename().string().find("_test") != std::string::npos) continue;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (const auto& p : patterns)
      for (auto it = std::sregex_iterator(s.begin(), s.end(), p.re); it != std::sregex_iterator(); ++it) {
        std::string key = p.prefix + (*it)[1].str();
        if (key.back() == '.' || key == "catalog.txt") continue;  // a prefix being joined; a file name
        ++found;
        EXPECT_TRUE(has_message(key)) << "no message for \"" << key << "\" used in " << path.string();
      }
  }
  EXPECT_GT(found, 150u);  // the scan did find the keys
}

}  // namespace
}  // namespace mamori
