#include "io/documents.h"

#include <iconv.h>

#include "base/csv.h"

#include "io/pdf_report.h"
#include "io/survey_workbook.h"
#include "io/xlsx_sheets.h"
#include "io/xlsx_reader.h"
#include "io/table_sink.h"
#include "io/xlsx_report.h"
#include "io/zip_writer.h"

namespace mamori::io {

namespace {
class ZipArchive final : public ports::ArchiveWriter {
 public:
  explicit ZipArchive(std::unique_ptr<ZipWriter> zip) : zip_(std::move(zip)) {}
  Status add(const std::string& name, std::string_view bytes) override { return zip_->add(name, bytes); }
  Status finish() override { return zip_->finish(); }

 private:
  std::unique_ptr<ZipWriter> zip_;
};
}  // namespace

Result<std::string> FileDocuments::pdf(const Report& report) { return render_pdf(report); }

Status FileDocuments::xlsx(const Report& report, const std::string& path) { return render_xlsx(report, path); }

Result<std::unique_ptr<ports::ArchiveWriter>> FileDocuments::zip(const std::string& path) {
  auto z = ZipWriter::Create(path);
  if (!z.ok()) return z.status();
  return std::unique_ptr<ports::ArchiveWriter>(std::make_unique<ZipArchive>(std::move(*z)));
}

Result<std::unique_ptr<ports::TableSink>> FileDocuments::csv_table(const std::string& path, ports::CsvEncoding encoding,
                                                                   const std::vector<std::string>& header) {
  return open_csv(path, encoding, header);
}

Result<std::unique_ptr<ports::TableSink>> FileDocuments::xlsx_table(const std::string& path, const std::string& sheet,
                                                                    const std::vector<std::string>& header) {
  return open_xlsx(path, sheet, header);
}

Status FileDocuments::xlsx_sheets(const std::vector<ports::TableSheet>& sheets, const std::string& path) {
  return write_xlsx_sheets(sheets, path);
}

Status FileDocuments::survey_workbook(const workbook::WorkbookContent& content, const std::string& path) {
  return write_survey_workbook(content, path);
}

Result<std::string> FileDocuments::csv_text(const std::string& bytes) {
  std::string_view in(bytes);
  if (in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);
  if (is_valid_utf8(in)) return std::string(in);
  iconv_t cd = iconv_open("UTF-8", "CP932");
  if (cd == reinterpret_cast<iconv_t>(-1)) return Status::Internal("iconv: no CP932");
  std::string out(in.size() * 3 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  const size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1) || src_left != 0) return Status::InvalidArgument("csv_encoding_unknown");
  out.resize(out.size() - dst_left);
  return out;
}

Result<std::vector<ports::Sheet>> FileDocuments::read_upload(const std::string& bytes) {
  return read_xlsx_bytes(bytes, upload_limits());
}

}  // namespace mamori::io
