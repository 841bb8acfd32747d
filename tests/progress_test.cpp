// The progress board (GET /api/campaigns/{id}/progress) and reminders (POST …/reminders,
// GET /api/me/notifications, POST /api/me/notifications/{id}/read).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

class ProgressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = std::make_unique<TestEnv>();
    base_ = "/api/campaigns/" + std::to_string(env_->demo().current_campaign);
  }
  json::value get(const std::string& login, const std::string& path) {
    Session s = env_->sign_in(login);
    auto r = env_->request("GET", path, "", &s);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  std::unique_ptr<TestEnv> env_;
  std::string base_;
};

TEST_F(ProgressTest, CountsByStatePrefectureAndTypeForWhoeverMayRead) {
  auto all = get("demo-admin", base_ + "/progress");
  EXPECT_EQ(all.at("total"), 1788);
  EXPECT_EQ(all.at("counts").at("draft"), 1788);
  EXPECT_EQ(all.at("by_prefecture").as_array().size(), 47u);
  EXPECT_EQ(all.at("by_prefecture").as_array()[0].at("name"), "北海道");
  EXPECT_EQ(all.at("by_prefecture").as_array()[0].at("total"), 180);
  EXPECT_EQ(all.at("pending").as_array().size(), 1788u);
  EXPECT_TRUE(all.at("days_left").is_int64());
  EXPECT_EQ(all.at("overdue").as_bool(), all.at("days_left").as_int64() < 0);

  auto pref = get("demo-prefecture", base_ + "/progress");
  EXPECT_EQ(pref.at("total"), 180);
  ASSERT_EQ(pref.at("by_prefecture").as_array().size(), 1u);
  auto own = get("demo-respondent", base_ + "/progress");
  EXPECT_EQ(own.at("total"), 1);
  EXPECT_EQ(get("demo-analyst", base_ + "/progress").at("total"), 0);
}

TEST_F(ProgressTest, RemindersReachTheBodyInTheAppAndAreMarkedRead) {
  Session admin = env_->sign_in("demo-admin");
  auto sent = env_->request("POST", base_ + "/reminders",
                            R"({"body_codes":["011002","012025"],"message":"回答期限が近づいています。"})", &admin);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(json::parse(sent.body).at("sent"), 2);

  Session respondent = env_->sign_in("demo-respondent");
  auto list = json::parse(env_->request("GET", "/api/me/notifications", "", &respondent).body);
  const auto& ns = list.at("notifications").as_array();
  ASSERT_EQ(ns.size(), 1u);
  EXPECT_EQ(ns[0].at("message"), "回答期限が近づいています。");
  EXPECT_EQ(ns[0].at("sender"), "総務省 管理者（デモ）");
  EXPECT_TRUE(ns[0].at("read_at").is_null());
  std::string nid = std::to_string(ns[0].at("id").as_int64());
  EXPECT_EQ(env_->request("POST", "/api/me/notifications/" + nid + "/read", "", &respondent).status, 200);
  auto again = json::parse(env_->request("GET", "/api/me/notifications", "", &respondent).body);
  EXPECT_FALSE(again.at("notifications").as_array()[0].at("read_at").is_null());

  // Another body's notice: not found for 札幌市's staff; the supporter of 北海道 has none.
  Session supporter = env_->sign_in("demo-prefecture");
  EXPECT_TRUE(json::parse(env_->request("GET", "/api/me/notifications", "", &supporter).body)
                  .at("notifications").as_array().empty());
  int64_t other = std::stoll(nid) + 1;
  EXPECT_EQ(env_->request("POST", "/api/me/notifications/" + std::to_string(other) + "/read", "", &respondent).status,
            404);
}

TEST_F(ProgressTest, BadRemindersChangeNothing) {
  Session admin = env_->sign_in("demo-admin");
  int64_t before = env_->data_version();
  auto not_target = env_->request("POST", base_ + "/reminders", R"({"body_codes":["011002","999999"],"message":"x"})", &admin);
  EXPECT_EQ(not_target.status, 400);
  EXPECT_EQ(json_string(not_target.body, "code"), "unknown_body");
  EXPECT_EQ(json_string(env_->request("POST", base_ + "/reminders", R"({"body_codes":[],"message":"x"})", &admin).body,
                        "code"),
            "invalid_fields");
  EXPECT_EQ(env_->request("POST", base_ + "/reminders", R"({"body_codes":["011002","011002"],"message":"x"})", &admin)
                .status,
            400);
  EXPECT_EQ(env_->request("POST", base_ + "/reminders", R"({"body_codes":["011002"]})", &admin).status, 400);
  EXPECT_EQ(env_->data_version(), before);
}

}  // namespace
}  // namespace mamori::test
