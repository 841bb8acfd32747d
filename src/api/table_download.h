#pragma once
// A table sent as a file: CSV (UTF-8 with BOM, or CP932 on request) or xlsx, written to a
// temporary file row by row and streamed from disk, so a table of any size never sits in
// memory. The campaign exports and the policy board's export share it.

#include <functional>
#include <string>
#include <vector>

#include "api/services.h"
#include "http/request.h"
#include "ports/table_sink.h"

namespace mamori::api {

struct TableDownload {
  std::string format = "csv";     // csv | xlsx
  std::string encoding = "utf8";  // utf8 | cp932 (csv only)
  std::string sheet;              // the xlsx sheet's name
  std::vector<std::string> header;
  std::string file_stem;          // "campaign-3-answers": "-cp932" and the extension are added
};

// Reads `format` and `encoding` from the query (csv and utf8 by default). InvalidArgument
// "invalid_filter" {name, value, allowed} for another value, or cp932 with xlsx.
Result<TableDownload> table_download_of(const http::Request& req);

// Writes the table with `fill` and answers it as an attachment; an error of `fill` or of the
// file is the answer instead, and the file is removed.
http::Response send_table(Services& s, const TableDownload& d, const std::function<Status(ports::TableSink&)>& fill);

}  // namespace mamori::api
