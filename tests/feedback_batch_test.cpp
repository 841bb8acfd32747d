// The feedback reports of many bodies as one ZIP (POST /api/campaigns/{id}/feedback-reports,
// then GET /api/jobs/{id}/result): a job with progress whose result holds one PDF per
// body the user may read, and nothing else; bad requests change nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <minizip/unzip.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "test_env.h"

namespace mamori::test {
namespace {

namespace json = boost::json;

struct ZipEntry {
  std::string name;
  std::string head;  // first bytes
};

std::vector<ZipEntry> zip_entries(const std::string& bytes, const std::filesystem::path& dir) {
  auto path = dir / "result.zip";
  std::ofstream(path, std::ios::binary) << bytes;
  std::vector<ZipEntry> out;
  unzFile z = unzOpen64(path.c_str());
  if (!z) return out;
  for (int rc = unzGoToFirstFile(z); rc == UNZ_OK; rc = unzGoToNextFile(z)) {
    char name[512];
    unz_file_info64 info;
    unzGetCurrentFileInfo64(z, &info, name, sizeof name, nullptr, 0, nullptr, 0);
    char head[8] = {};
    unzOpenCurrentFile(z);
    int n = unzReadCurrentFile(z, head, 5);
    unzCloseCurrentFile(z);
    out.push_back({name, std::string(head, n > 0 ? static_cast<size_t>(n) : 0)});
  }
  unzClose(z);
  return out;
}

class FeedbackBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // This process's own temporary folder, to see that no batch file is left behind.
    tmp_ = std::filesystem::temp_directory_path() / ("mamori-batch-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(tmp_);
    ::setenv("TMPDIR", tmp_.c_str(), 1);
    env_ = std::make_unique<TestEnv>();
    url_ = "/api/campaigns/" + std::to_string(env_->demo().previous_campaign) + "/feedback-reports";
  }
  void TearDown() override {
    env_.reset();
    ::unsetenv("TMPDIR");
    std::filesystem::remove_all(tmp_);
  }
  size_t batch_files() const {
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(tmp_))
      if (e.path().filename().string().rfind("mamori-feedback-batch-", 0) == 0) ++n;
    return n;
  }
  // Polls the job until it is not running (bounded), and returns it.
  json::value wait(const std::string& job, const Session& s) {
    json::value j;
    for (int i = 0; i < 1200; ++i) {
      j = json::parse(env_->request("GET", "/api/jobs/" + job, "", &s).body);
      if (j.at("state").as_string() != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return j;
  }
  std::filesystem::path tmp_;
  std::unique_ptr<TestEnv> env_;
  std::string url_;
};

TEST_F(FeedbackBatchTest, APrefectureBatchHoldsOnePdfPerBodyNamedByCodeAndName) {
  Session admin = env_->sign_in("demo-admin");
  auto started = env_->request("POST", url_, R"({"prefecture":"31"})", &admin);
  ASSERT_EQ(started.status, 202) << started.body;
  std::string job = std::to_string(json::parse(started.body).at("job").at("id").as_int64());
  json::value j = wait(job, admin);
  ASSERT_EQ(j.at("state").as_string(), "done") << json::serialize(j);
  auto bodies = env_->app().store().responses().list_responses(env_->demo().previous_campaign, {.prefecture_code = "31"});
  ASSERT_TRUE(bodies.ok());
  EXPECT_EQ(j.at("total").as_int64(), static_cast<int64_t>(bodies->size()));
  EXPECT_EQ(j.at("done").as_int64(), j.at("total").as_int64());
  EXPECT_EQ(j.at("result").at("url").as_string(), "/api/jobs/" + job + "/result");

  auto file = env_->request("GET", "/api/jobs/" + job + "/result", "", &admin);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.headers["content-type"], "application/zip");
  EXPECT_NE(file.headers["content-disposition"].find("feedback-FY2025-pref31.zip"), std::string::npos);
  auto entries = zip_entries(file.body, tmp_);
  ASSERT_EQ(entries.size(), bodies->size());
  for (const auto& e : entries) {
    EXPECT_EQ(e.head, "%PDF-") << e.name;
    EXPECT_EQ(e.name.substr(0, 2), "31") << e.name;
  }
  EXPECT_EQ(entries[0].name, "310000_鳥取県.pdf");
  EXPECT_EQ(entries[1].name, "312011_鳥取市.pdf");
  // The result stays downloadable.
  EXPECT_EQ(env_->request("GET", "/api/jobs/" + job + "/result", "", &admin).body.size(), file.body.size());
}

TEST_F(FeedbackBatchTest, EachUserGetsOnlyTheBodiesItMayReadAndOnlyItsOwnJobs) {
  Session respondent = env_->sign_in("demo-respondent");
  auto started = env_->request("POST", url_, "", &respondent);
  ASSERT_EQ(started.status, 202) << started.body;
  std::string job = std::to_string(json::parse(started.body).at("job").at("id").as_int64());
  json::value j = wait(job, respondent);
  ASSERT_EQ(j.at("state").as_string(), "done") << json::serialize(j);
  auto file = env_->request("GET", "/api/jobs/" + job + "/result", "", &respondent);
  auto entries = zip_entries(file.body, tmp_);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "011002_札幌市.pdf");
  // Asking for another prefecture gives nothing, not that prefecture's bodies.
  auto other = env_->request("POST", url_, R"({"prefecture":"13"})", &respondent);
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(json_string(other.body, "code"), "nothing_to_report");
  // Someone else's job and its file are not found.
  Session supporter = env_->sign_in("demo-prefecture");
  EXPECT_EQ(env_->request("GET", "/api/jobs/" + job + "/result", "", &supporter).status, 404);
  EXPECT_EQ(env_->request("GET", "/api/jobs/" + job, "", &supporter).status, 404);
}

TEST_F(FeedbackBatchTest, BadRequestsAreRefusedAndStartNothing) {
  Session admin = env_->sign_in("demo-admin");
  auto bad_pref = env_->request("POST", url_, R"({"prefecture":"48"})", &admin);
  EXPECT_EQ(bad_pref.status, 400);
  EXPECT_NE(bad_pref.body.find("\"prefecture\""), std::string::npos) << bad_pref.body;
  EXPECT_EQ(env_->request("POST", url_, R"({"prefecture":31})", &admin).status, 400);
  EXPECT_EQ(env_->request("POST", url_, R"({"prefecture":"31","x":1})", &admin).status, 400);
  EXPECT_EQ(env_->request("POST", url_, "{not json", &admin).status, 400);
  EXPECT_EQ(env_->request("POST", "/api/campaigns/99999/feedback-reports", "", &admin).status, 404);
  EXPECT_EQ(env_->request("GET", "/api/jobs/99999/result", "", &admin).status, 404);
  EXPECT_EQ(env_->request("POST", url_, "").status, 401);
  EXPECT_EQ(batch_files(), 0u);
}

TEST_F(FeedbackBatchTest, OneBatchAtATimePerUserAndAStoppingServerLeavesNoFile) {
  Session admin = env_->sign_in("demo-admin");
  auto first = env_->request("POST", url_, "", &admin);  // all 1,788 bodies: minutes of work
  ASSERT_EQ(first.status, 202) << first.body;
  std::string job = std::to_string(json::parse(first.body).at("job").at("id").as_int64());
  auto second = env_->request("POST", url_, R"({"prefecture":"31"})", &admin);
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(json_string(second.body, "code"), "job_running");
  auto early = env_->request("GET", "/api/jobs/" + job + "/result", "", &admin);
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(json_string(early.body, "code"), "job_not_done");
  json::value j;
  for (int i = 0; i < 100; ++i) {  // the job thread reports its total once it has started
    j = json::parse(env_->request("GET", "/api/jobs/" + job, "", &admin).body);
    if (j.at("total").as_int64() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(j.at("total").as_int64(), 1788);
  EXPECT_EQ(j.at("state").as_string(), "running");
  EXPECT_EQ(batch_files(), 1u);
  // The server stops: the job notices within one report, fails as cancelled and removes its
  // partial file — before the registry itself is destroyed (which would remove it anyway).
  env_->app().jobs().stop();
  auto stopped = env_->app().jobs().get(std::stoll(job));
  ASSERT_TRUE(stopped.ok());
  EXPECT_EQ(stopped->state, ports::JobState::kFailed);
  EXPECT_EQ(stopped->error.error_code(), "job_cancelled");
  EXPECT_LT(stopped->done, 1788);
  EXPECT_EQ(batch_files(), 0u);
  // A job asked for while stopping never runs.
  auto late = env_->request("POST", url_, R"({"prefecture":"31"})", &admin);
  ASSERT_EQ(late.status, 202) << late.body;
  EXPECT_EQ(json::parse(late.body).at("job").at("state").as_string(), "failed");
  EXPECT_EQ(batch_files(), 0u);
}

}  // namespace
}  // namespace mamori::test
