// The JSON log: escaping, and one parseable line per call on stderr.
#include "base/log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace mamori {
namespace {

TEST(Log, EscapesWhatJsonRequiresAndKeepsUtf8) {
  EXPECT_EQ(json_escape("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(json_escape("行1\n行2\t\r"), "行1\\n行2\\t\\r");
  EXPECT_EQ(json_escape(std::string("\x01x", 2)), "\\u0001x");
}

TEST(Log, WritesOneObjectPerLineWithTimeLevelEventAndFields) {
  char path[] = "/tmp/mamori-log-XXXXXX";
  int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  int saved = ::dup(STDERR_FILENO);
  ::dup2(fd, STDERR_FILENO);
  log_json("error", "internal_error", {{"request_id", "r-1"}, {"detail", "say \"no\"\n"}, {"status", "500", true}});
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  ::close(fd);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path);
  const std::string line = text.str();
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line";
  EXPECT_EQ(line.rfind("{\"ts\":\"", 0), 0u) << line;
  EXPECT_NE(line.find("\"level\":\"error\",\"event\":\"internal_error\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"request_id\":\"r-1\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"detail\":\"say \\\"no\\\"\\n\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"status\":500}"), std::string::npos) << line;
}

}  // namespace
}  // namespace mamori
