// The migration rules, on a target that records what it was asked to do.
#include "store/migrations.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace mamori::store {
namespace {

std::string_view text_of(std::string_view name) { return name; }  // the file's text: its name

std::string arg(const Status& s, const std::string& name) {
  for (const auto& [k, v] : s.args())
    if (k == name) return v;
  return "";
}

struct Recorder {
  int version = 0;
  std::vector<std::string> done;
  int fail_at = 0;  // apply() of this version fails (and records nothing)
  MigrationTarget target() {
    return {
        .current_version = [this]() -> Result<int> { return version; },
        .apply =
            [this](const Migration& m) -> Status {
              if (m.version == fail_at) return Status::Internal("syntax error");
              done.push_back(std::to_string(m.version) + ":" + m.name);
              version = m.version;
              return Status::Ok();
            },
        .baseline_legacy =
            [this]() -> Status {
              done.push_back("legacy");
              version = 1;
              return Status::Ok();
            },
    };
  }
};

std::vector<Migration> three() {
  auto m = migrations_from_files({"0002_add_x", "0001_baseline", "0003_index_y"}, &text_of);
  EXPECT_TRUE(m.ok());
  return std::move(m).value();
}

TEST(Migrations, FilesAreOrderedByTheirNumber) {
  auto m = three();
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].version, 1);
  EXPECT_EQ(m[0].name, "baseline");
  EXPECT_EQ(m[2].version, 3);
  EXPECT_EQ(m[2].sql, "0003_index_y");
}

TEST(Migrations, MisnamedGappedOrRepeatedFilesAreRefused) {
  for (const std::vector<std::string_view>& files :
       {std::vector<std::string_view>{"0001_a", "0003_c"}, {"0001_a", "0001_b"}, {"1_a"}, {"0001"}, {"000x_a"},
        {"0002_b"}, {}}) {
    auto m = migrations_from_files(files, &text_of);
    EXPECT_FALSE(m.ok()) << (files.empty() ? "(none)" : std::string(files.back()));
  }
}

TEST(Migrations, AnEmptyDatabaseGetsEveryMigrationInOrder) {
  Recorder r;
  auto report = migrate(three(), r.target());
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->from, 0);
  EXPECT_EQ(report->to, 3);
  EXPECT_EQ(r.done, (std::vector<std::string>{"1:baseline", "2:add_x", "3:index_y"}));
}

TEST(Migrations, OnlyTheMissingOnesRunAndACurrentDatabaseIsLeftAlone) {
  Recorder r{.version = 2};
  ASSERT_TRUE(migrate(three(), r.target()).ok());
  EXPECT_EQ(r.done, (std::vector<std::string>{"3:index_y"}));
  r.done.clear();
  auto again = migrate(three(), r.target());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->from, 3);
  EXPECT_TRUE(r.done.empty());
}

TEST(Migrations, AnUnversionedDatabaseIsBroughtToTheBaselineFirst) {
  Recorder r{.version = -1};
  auto report = migrate(three(), r.target());
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->from, -1);
  EXPECT_EQ(r.done, (std::vector<std::string>{"legacy", "2:add_x", "3:index_y"}));
}

TEST(Migrations, ANewerDatabaseIsRefusedAndNotTouched) {
  Recorder r{.version = 7};
  auto report = migrate(three(), r.target());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().error_code(), "schema_newer");
  EXPECT_EQ(arg(report.status(), "found"), "7");
  EXPECT_EQ(arg(report.status(), "known"), "3");
  EXPECT_TRUE(r.done.empty());
}

TEST(Migrations, AFailingMigrationStopsThereAndSaysWhich) {
  Recorder r{.fail_at = 2};
  auto report = migrate(three(), r.target());
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().internal_detail().find("migration 2 (add_x)"), std::string::npos)
      << report.status().internal_detail();
  EXPECT_EQ(r.done, (std::vector<std::string>{"1:baseline"}));  // 3 never ran
}

}  // namespace
}  // namespace mamori::store
