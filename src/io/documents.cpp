#include "io/documents.h"

#include "io/pdf_report.h"
#include "io/survey_workbook.h"
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

Status FileDocuments::survey_workbook(const workbook::WorkbookContent& content, const std::string& path) {
  return write_survey_workbook(content, path);
}

Result<std::vector<ports::Sheet>> FileDocuments::read_upload(const std::string& bytes) {
  return read_xlsx_bytes(bytes, upload_limits());
}

}  // namespace mamori::io
