#pragma once
// ports::Documents over this folder's renderers and writers: PDF (cairo + Pango), xlsx
// (libxlsxwriter), ZIP (minizip), CSV (iconv for CP932). Stateless; thread-safe.

#include "ports/documents.h"

namespace mamori::io {

class FileDocuments final : public ports::Documents {
 public:
  Result<std::string> pdf(const Report& report) override;
  Status xlsx(const Report& report, const std::string& path) override;
  Result<std::unique_ptr<ports::ArchiveWriter>> zip(const std::string& path) override;
  Result<std::unique_ptr<ports::TableSink>> csv_table(const std::string& path, ports::CsvEncoding encoding,
                                                      const std::vector<std::string>& header) override;
  Result<std::unique_ptr<ports::TableSink>> xlsx_table(const std::string& path, const std::string& sheet,
                                                       const std::vector<std::string>& header) override;
  Status xlsx_sheets(const std::vector<ports::TableSheet>& sheets, const std::string& path) override;
  Status survey_workbook(const workbook::WorkbookContent& content, const std::string& path) override;
  Result<std::vector<ports::Sheet>> read_upload(const std::string& bytes) override;
  Result<std::string> csv_text(const std::string& bytes) override;
};

}  // namespace mamori::io
