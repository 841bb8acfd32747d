#include "io/xlsx_sheets.h"

#include <xlsxwriter.h>

#include "base/private_file.h"

namespace mamori::io {

std::string clamp_cell_text(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  static const std::string kMark = "…";
  size_t end = max_bytes > kMark.size() ? max_bytes - kMark.size() : 0;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // not inside a character
  return text.substr(0, end) + kMark;
}

Status write_xlsx_sheets(const std::vector<ports::TableSheet>& sheets, const std::string& path) {
  MAMORI_RETURN_IF_ERROR(reserve_private_file(path));
  // Rows go to the file as they are written (each sheet's in order), so a large export holds
  // one row at a time rather than every cell.
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  if (!wb) return Status::Internal("cannot create " + path);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xE7EEF7);
  format_set_border(bold, LXW_BORDER_THIN);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  // Excel holds at most 32,767 characters in a cell; a UTF-8 byte bound is safely below.
  constexpr size_t kMaxCellBytes = 32767;
  lxw_error first = LXW_NO_ERROR;
  auto keep = [&](lxw_error e) {
    if (e != LXW_NO_ERROR && first == LXW_NO_ERROR) first = e;
  };
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (!ws) {
      workbook_close(wb);
      return Status::Internal("xlsx: cannot add sheet " + sheet.name);
    }
    for (size_t c = 0; c < sheet.header.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      keep(worksheet_write_string(ws, 0, col, sheet.header[c].c_str(), bold));
      const double width = c < sheet.widths.size() ? sheet.widths[c] : 16;
      keep(worksheet_set_column(ws, col, col, width, wrap));
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r)
      for (size_t c = 0; c < sheet.rows[r].size(); ++c)
        if (!sheet.rows[r][c].empty())
          keep(worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                      clamp_cell_text(sheet.rows[r][c], kMaxCellBytes).c_str(), nullptr));
    if (!sheet.header.empty()) {
      worksheet_freeze_panes(ws, 1, 0);
      keep(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                                static_cast<lxw_col_t>(sheet.header.size() - 1)));
    }
  }
  lxw_error e = workbook_close(wb);
  if (first != LXW_NO_ERROR) e = first;
  if (e != LXW_NO_ERROR) return Status::Internal(std::string("xlsx: ") + lxw_strerror(e));
  return Status::Ok();
}

}  // namespace mamori::io
