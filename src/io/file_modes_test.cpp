// Every file mamori writes that holds bodies' answers is created 0600, whatever the umask:
// each test runs with umask 000, so a file left to the library's default mode (0644/0666)
// fails it. An existing file or a planted symbolic link is never written through.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/private_file.h"
#include "io/table_sink.h"
#include "io/xlsx_report.h"
#include "io/zip_writer.h"
#include "store/sqlite/sqlite_db.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

class FileModes : public ::testing::Test {
 protected:
  void SetUp() override {
    old_umask_ = ::umask(0);
    dir_ = fs::temp_directory_path() / ("mamori-modes-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    ::umask(old_umask_);
    fs::remove_all(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static unsigned mode_of(const std::string& p) {
    struct stat st{};
    if (::stat(p.c_str(), &st) != 0) return 07777;
    return st.st_mode & 07777;
  }

  mode_t old_umask_ = 022;
  fs::path dir_;
};

TEST_F(FileModes, APrivateFileIsNewAnd0600AndNeverFollowsALink) {
  auto fd = create_private_file(path("a"));
  ASSERT_TRUE(fd.ok()) << fd.status().internal_detail();
  ::close(*fd);
  EXPECT_EQ(mode_of(path("a")), 0600u);
  EXPECT_FALSE(create_private_file(path("a")).ok());  // exists: refused, not truncated
  fs::create_symlink(path("target"), path("link"));
  EXPECT_FALSE(reserve_private_file(path("link")).ok());
  EXPECT_FALSE(fs::exists(path("target")));
}

TEST_F(FileModes, CsvAndXlsxExportsAre0600) {
  for (auto enc : {ports::CsvEncoding::kUtf8Bom, ports::CsvEncoding::kCp932}) {
    const std::string p = path(enc == ports::CsvEncoding::kCp932 ? "e-cp932.csv" : "e.csv");
    auto sink = io::open_csv(p, enc, {"a", "b"});
    ASSERT_TRUE(sink.ok());
    ASSERT_TRUE((*sink)->finish().ok());
    EXPECT_EQ(mode_of(p), 0600u) << p;
  }
  auto xlsx = io::open_xlsx(path("e.xlsx"), "s", {"a"});
  ASSERT_TRUE(xlsx.ok());
  ASSERT_TRUE((*xlsx)->finish().ok());
  EXPECT_EQ(mode_of(path("e.xlsx")), 0600u);
}

TEST_F(FileModes, FeedbackWorkbooksAndBatchZipsAre0600) {
  Report report{.title = "t", .subtitle = "s", .footer = "f", .blocks = {}};
  ASSERT_TRUE(io::render_xlsx(report, path("f.xlsx")).ok());
  EXPECT_EQ(mode_of(path("f.xlsx")), 0600u);
  auto zip = io::ZipWriter::Create(path("b.zip"));
  ASSERT_TRUE(zip.ok());
  ASSERT_TRUE((*zip)->add("a.pdf", "x").ok());
  ASSERT_TRUE((*zip)->finish().ok());
  EXPECT_EQ(mode_of(path("b.zip")), 0600u);
}

TEST_F(FileModes, TheSqliteDatabaseAndItsLogAre0600AndAWiderOneIsNarrowed) {
  {
    auto db = store::sqlite::Db::Open(path("m.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);").ok());
    EXPECT_EQ(mode_of(path("m.db")), 0600u);
    EXPECT_EQ(mode_of(path("m.db-wal")), 0600u);
  }
  ::chmod(path("m.db").c_str(), 0644);
  auto again = store::sqlite::Db::Open(path("m.db"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(mode_of(path("m.db")), 0600u);
}

}  // namespace
}  // namespace mamori
