// The task list's counts and status on the server (task_status), over the case file the
// browser's tests read too (tests/cases/task_status.json): one table of cases, so the live
// count on the category page and the server's response view cannot drift apart.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "domain/task_status.h"

namespace mamori {
namespace {

namespace json = boost::json;

TEST(TaskStatusCases, TheServerAgreesWithEveryCase) {
  std::ifstream in(std::string(MAMORI_SOURCE_DIR) + "/tests/cases/task_status.json");
  ASSERT_TRUE(in) << "tests/cases/task_status.json";
  std::stringstream text;
  text << in.rdbuf();
  const json::object doc = json::parse(text.str()).as_object();
  const auto& cases = doc.at("cases").as_array();
  ASSERT_GE(cases.size(), 10u);
  for (const auto& cv : cases) {
    const json::object& c = cv.as_object();
    SCOPED_TRACE(std::string(c.at("name").as_string()));
    CategoryProgress p;
    for (const auto& av : c.at("answers").as_array()) {
      const json::object& a = av.as_object();
      p.add(AnswerFacts{a.at("visible").as_bool(), a.at("has_value").as_bool(), a.at("state").as_string(),
                        a.at("needs_confirmation").as_bool(), a.at("version").as_int64()});
    }
    const json::object& e = c.at("expect").as_object();
    EXPECT_EQ(p.questions, e.at("questions").as_int64());
    EXPECT_EQ(p.answered, e.at("answered").as_int64());
    EXPECT_EQ(p.carried_over_unconfirmed, e.at("carried_over_unconfirmed").as_int64());
    EXPECT_EQ(p.needs_confirmation, e.at("needs_confirmation").as_int64());
    EXPECT_EQ(task_status(c.at("ready").as_bool(), std::string(c.at("return_comment").as_string()), p),
              e.at("status").as_string());
  }
}

}  // namespace
}  // namespace mamori
