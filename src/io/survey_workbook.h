#pragma once
// A response's offline workbook (domain/workbook.h, docs/WORKBOOK.md) written with
// libxlsxwriter: the cover sheet, one protected sheet per category with its answer cells
// unlocked where the person may edit and Excel's data validation on them, the hidden
// columns, and the hidden sheets of drop-down lists and of the download's identity.

#include <string>

#include "base/status.h"
#include "domain/workbook.h"

namespace mamori::io {

// Writes the workbook to `path` (a new file, 0600). Internal when libxlsxwriter fails.
Status write_survey_workbook(const workbook::WorkbookContent& content, const std::string& path);

}  // namespace mamori::io
