#include "api/table_download.h"

#include <filesystem>

#include "crypto/password.h"
#include "http/json_body.h"

namespace mamori::api {

namespace {

Status bad_filter(const std::string& name, const std::string& value, const std::string& allowed) {
  return Status::InvalidArgument("invalid_filter", {{"name", name}, {"value", value}, {"allowed", allowed}});
}

// Removes a temporary file on every way out unless it was handed over for sending.
struct TempFile {
  std::string path;
  bool handed_over = false;
  ~TempFile() {
    if (!handed_over) std::filesystem::remove(path);
  }
};

}  // namespace

Result<TableDownload> table_download_of(const http::Request& req) {
  TableDownload d;
  d.format = req.query("format").value_or("csv");
  d.encoding = req.query("encoding").value_or("utf8");
  if (d.format != "csv" && d.format != "xlsx") return bad_filter("format", d.format, "csv, xlsx");
  if (d.encoding != "utf8" && d.encoding != "cp932") return bad_filter("encoding", d.encoding, "utf8, cp932");
  if (d.format == "xlsx" && d.encoding != "utf8") return bad_filter("encoding", d.encoding, "utf8");
  return d;
}

http::Response send_table(Services& s, const TableDownload& d, const std::function<Status(ports::TableSink&)>& fill) {
  TempFile file{
      (std::filesystem::temp_directory_path() / ("mamori-export-" + auth::random_token(8) + "." + d.format)).string()};
  auto sink = d.format == "xlsx"
                  ? s.documents.xlsx_table(file.path, d.sheet, d.header)
                  : s.documents.csv_table(file.path,
                                          d.encoding == "cp932" ? ports::CsvEncoding::kCp932 : ports::CsvEncoding::kUtf8Bom,
                                          d.header);
  if (!sink.ok()) return http::error_response(sink.status());
  Status st = fill(**sink);
  Status done = (*sink)->finish();
  if (st.ok()) st = done;
  if (!st.ok()) return http::error_response(st);
  http::Response out;
  out.content_type = d.format == "xlsx"        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                     : d.encoding == "cp932" ? "text/csv; charset=Shift_JIS"
                                             : "text/csv; charset=utf-8";
  out.temp_file = file.path;
  file.handed_over = true;
  const std::string name = d.file_stem + (d.encoding == "cp932" ? "-cp932" : "") + "." + d.format;
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return out;
}

}  // namespace mamori::api
