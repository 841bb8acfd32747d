#pragma once
// A workbook of plain tables (ports::TableSheet) written with libxlsxwriter: one sheet per
// table, its header bold, frozen and filtered. What a body's data export looks like in Excel.

#include <string>
#include <vector>

#include "base/status.h"
#include "ports/documents.h"

namespace mamori::io {

// Writes `sheets` to `path` (a new file, 0600). Internal when libxlsxwriter fails.
Status write_xlsx_sheets(const std::vector<ports::TableSheet>& sheets, const std::string& path);

// `text` cut to at most `max_bytes` bytes on a UTF-8 character boundary, ending with "…"
// when cut (the cut counts the mark).
std::string clamp_cell_text(const std::string& text, size_t max_bytes);

}  // namespace mamori::io
