#pragma once
// The same Report as pdf_report.h, as an .xlsx workbook: a first sheet 「概要」 with the
// title and the paragraphs before the first heading, then one sheet per heading holding its
// paragraphs, tables, chart data (one row per label, rates in percent) and numbered items.

#include <string>

#include "io/pdf_report.h"

namespace mamori::io {

// Writes the workbook to `path`. Errors: Internal when libxlsxwriter fails.
Status render_xlsx(const Report& report, const std::string& path);

}  // namespace mamori::io
