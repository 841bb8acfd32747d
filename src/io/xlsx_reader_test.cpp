// The xlsx reader refuses damaged and hostile workbooks with a specific error, before
// allocating what they ask for: zip bombs, sparse cells far away, deep XML, too many parts,
// overflowing cell references. Each workbook is built here with minizip.
#include "io/xlsx_reader.h"

#include <minizip/zip.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/body_list.h"

namespace mamori::io {
namespace {

// An .xlsx with these members (name → content), deflated unless `stored`.
std::string make_zip(const std::map<std::string, std::string>& members, bool stored = false) {
  const std::string path = (std::filesystem::temp_directory_path() / ("mamori-xlsx-" + std::to_string(::getpid()))).string();
  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, content] : members) {
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip64(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, stored ? 0 : Z_DEFLATED,
                                    stored ? 0 : Z_DEFAULT_COMPRESSION, content.size() > 0xffffffffu),
              ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(z, content.data(), static_cast<unsigned>(content.size())), ZIP_OK);
    zipCloseFileInZip(z);
  }
  zipClose(z, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

// A workbook of one sheet whose <sheetData> holds `sheet_data`.
std::map<std::string, std::string> workbook(const std::string& sheet_data) {
  return {
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + sheet_data + "</sheetData></worksheet>"},
  };
}

std::string why(const Status& s) { return s.error_code() + " / " + s.message_en(); }

TEST(XlsxReader, ASmallWorkbookReads) {
  auto r = read_xlsx_bytes(make_zip(workbook(R"(<row r="2"><c r="B2" t="inlineStr"><is><t>札幌市</t></is></c></row>)")));
  ASSERT_TRUE(r.ok()) << why(r.status());
  ASSERT_EQ((*r)[0].rows.size(), 2u);
  EXPECT_EQ((*r)[0].rows[1][1], "札幌市");
}

TEST(XlsxReader, AZipBombIsRefusedByItsCompressionRatio) {
  // 64 MiB of one byte deflate to about 64 KiB: a workbook's XML never compresses so well.
  auto members = workbook("");
  members["xl/worksheets/sheet1.xml"] = "<worksheet><sheetData>" + std::string(64u << 20, ' ') + "</sheetData></worksheet>";
  auto r = read_xlsx_bytes(make_zip(members));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_code(), "xlsx_too_large");
  EXPECT_EQ(r.status().code(), StatusCode::kPayloadTooLarge);
  EXPECT_NE(r.status().message_ja().find("圧縮率"), std::string::npos) << r.status().message_ja();
}

TEST(XlsxReader, SparseCellsFarAwayAreRefusedBeforeTheyAreAllocated) {
  // 300 rows with one cell each at column XFD: 300 × 16,384 cells to hold, from ~20 KB.
  std::string rows;
  for (int i = 1; i <= 300; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"XFD" + std::to_string(i) + "\"><v>1</v></c></row>";
  auto r = read_xlsx_bytes(make_zip(workbook(rows), /*stored=*/true));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_code(), "xlsx_too_large");
  EXPECT_NE(r.status().message_en().find("rows and cells"), std::string::npos) << why(r.status());
}

TEST(XlsxReader, DeeplyNestedXmlIsRefused) {
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "<a>";
  for (int i = 0; i < 200000; ++i) deep += "</a>";
  auto r = read_xlsx_bytes(make_zip(workbook(deep), /*stored=*/true));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_code(), "xlsx_too_large");
  EXPECT_NE(r.status().message_en().find("nested"), std::string::npos) << why(r.status());
}

TEST(XlsxReader, TooManyPartsATooLargeFileAndATooLargePartAreRefused) {
  auto members = workbook("<row><c><v>1</v></c></row>");
  for (int i = 0; i < 20; ++i) members["extra/" + std::to_string(i)] = "x";
  const std::string bytes = make_zip(members);
  XlsxLimits limits;
  limits.max_entries = 10;
  auto parts = read_xlsx_bytes(bytes, limits);
  ASSERT_FALSE(parts.ok());
  EXPECT_NE(parts.status().message_en().find("too many parts"), std::string::npos) << why(parts.status());

  limits = {};
  limits.max_file_bytes = 100;
  auto file = read_xlsx_bytes(bytes, limits);
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message_en().find("limit 100 bytes"), std::string::npos) << why(file.status());

  limits = {};
  limits.max_member_bytes = 50;
  auto part = read_xlsx_bytes(bytes, limits);
  ASSERT_FALSE(part.ok());
  EXPECT_NE(part.status().message_en().find("uncompressed"), std::string::npos) << why(part.status());
}

TEST(XlsxReader, CellReferencesThatWouldOverflowAreBrokenNotWrapped) {
  EXPECT_EQ(column_index("A1"), 0);
  EXPECT_EQ(column_index("XFD7"), 16383);
  EXPECT_EQ(column_index("XFE7"), -1);
  EXPECT_EQ(column_index("AAAA1"), -1);
  EXPECT_EQ(column_index(std::string(40, 'Z') + "1"), -1);
  EXPECT_EQ(column_index("12"), -1);
  auto col = read_xlsx_bytes(make_zip(workbook("<row r=\"1\"><c r=\"" + std::string(40, 'Z') + "1\"><v>1</v></c></row>")));
  ASSERT_FALSE(col.ok());
  EXPECT_EQ(col.status().message_key(), "broken_xlsx.bad_column");
  for (const char* bad : {"99999999999999999999", "0", "1048577", "-3", "1e3"}) {
    auto row = read_xlsx_bytes(make_zip(workbook(std::string("<row r=\"") + bad + "\"><c><v>1</v></c></row>")));
    ASSERT_FALSE(row.ok()) << bad;
    EXPECT_EQ(row.status().message_key(), "broken_xlsx.bad_row") << bad;
  }
}

TEST(XlsxReader, AWellFormedWorkbookWithoutTheBodiesIsNotTheOfficialList) {
  // Two sheets, both empty: not 0 bodies imported, an error that says what is missing.
  auto members = workbook("");
  members["xl/workbook.xml"] =
      R"(<workbook xmlns:r="r"><sheets><sheet name="A" r:id="rId1"/><sheet name="B" r:id="rId1"/></sheets></workbook>)";
  auto sheets = read_xlsx_bytes(make_zip(members));
  ASSERT_TRUE(sheets.ok()) << why(sheets.status());
  auto list = parse_official_body_list(*sheets);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message_key(), "body_list.too_few");
  EXPECT_NE(list.status().message_ja().find("0件"), std::string::npos) << list.status().message_ja();
}

}  // namespace
}  // namespace mamori::io
