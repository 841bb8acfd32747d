#include "io/xlsx_report.h"

#include <xlsxwriter.h>

#include <cmath>

#include "base/private_file.h"
#include "domain/scoring.h"

namespace mamori::io {

namespace {

// Excel sheet names: at most 31 characters, none of []:*?/\ .
std::string sheet_name(const std::string& heading) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < heading.size() && chars < 31;) {
    unsigned char c = static_cast<unsigned char>(heading[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::string ch = heading.substr(i, n);
    if (ch.find_first_of("[]:*?/\\") == std::string::npos) {
      out += ch;
      ++chars;
    }
    i += n;
  }
  return out.empty() ? "Sheet" : out;
}

class Book {
 public:
  explicit Book(const std::string& path) : wb_(workbook_new(path.c_str())) {
    if (!wb_) return;
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    percent_ = workbook_add_format(wb_);
    format_set_num_format(percent_, "0.0%");
    wrap_ = workbook_add_format(wb_);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
  }
  bool ok() const { return wb_ != nullptr; }

  void sheet(const std::string& name, double first_col_width) {
    ws_ = workbook_add_worksheet(wb_, sheet_name(name).c_str());
    // Two headings that shorten to the same 31 characters: number the second.
    if (!ws_) ws_ = workbook_add_worksheet(wb_, ("Sheet" + std::to_string(++unnamed_)).c_str());
    worksheet_set_column(ws_, 0, 0, first_col_width, wrap_);
    worksheet_set_column(ws_, 1, 4, 22, wrap_);
    row_ = 0;
  }
  void text(const std::string& s, bool bold = false) {
    worksheet_write_string(ws_, row_++, 0, s.c_str(), bold ? bold_ : wrap_);
  }
  void cells(const std::vector<std::string>& cells, bool bold = false) {
    for (size_t c = 0; c < cells.size(); ++c)
      worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(c), cells[c].c_str(), bold ? bold_ : wrap_);
    ++row_;
  }
  void number(lxw_col_t col, double v) { worksheet_write_number(ws_, row_, col, v, nullptr); }
  // A rate by the one rounding rule (analytics::percent_tenths): the fraction, shown 0.0%.
  void rate(lxw_col_t col, double fraction) {
    if (auto tenths = analytics::percent_tenths(fraction))
      worksheet_write_number(ws_, row_, col, static_cast<double>(*tenths) / 1000.0, percent_);
  }
  void label(lxw_col_t col, const std::string& s) { worksheet_write_string(ws_, row_, col, s.c_str(), nullptr); }
  void next_row() { ++row_; }
  void gap() { ++row_; }

  Status close() {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    return e == LXW_NO_ERROR ? Status::Ok() : Status::Internal(std::string("xlsx: ") + lxw_strerror(e));
  }
  ~Book() {
    if (wb_) workbook_close(wb_);
  }

 private:
  lxw_workbook* wb_;
  lxw_worksheet* ws_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* percent_ = nullptr;
  lxw_row_t row_ = 0;
  int unnamed_ = 0;
};

}  // namespace

Status render_xlsx(const Report& report, const std::string& path) {
  MAMORI_RETURN_IF_ERROR(reserve_private_file(path));  // a body's answers: 0600, never an existing file
  Book book(path);
  if (!book.ok()) return Status::Internal("cannot create " + path);
  book.sheet("概要", 90);
  book.text(report.title, true);
  book.text(report.subtitle);
  book.gap();
  struct Visitor {
    Book& b;
    void operator()(const Heading& h) { b.sheet(h.text, 60); b.text(h.text, true); b.gap(); }
    void operator()(const Paragraph& p) { b.text(p.text); }
    void operator()(const ReportTable& t) {
      b.cells(t.header, true);
      for (const auto& r : t.rows) b.cells(r);
      b.gap();
    }
    void operator()(const ReportChart& ch) {
      std::vector<std::string> head{""};
      for (const auto& s : ch.series) head.push_back(s.name + "（%）");
      b.cells(head, true);
      for (size_t i = 0; i < ch.labels.size(); ++i) {
        b.label(0, ch.labels[i]);
        for (size_t s = 0; s < ch.series.size(); ++s)
          if (i < ch.series[s].values.size() && ch.series[s].values[i])
            b.rate(static_cast<lxw_col_t>(s + 1), *ch.series[s].values[i]);
        b.next_row();
      }
      b.text(ch.caption);
      b.gap();
    }
    void operator()(const std::vector<ReportItem>& items) {
      int n = 1;
      for (const auto& it : items) b.cells({std::to_string(n++) + ". " + it.heading, it.text});
      b.gap();
    }
  };
  Visitor v{book};
  for (const auto& block : report.blocks) std::visit(v, block);
  return book.close();
}

}  // namespace mamori::io
