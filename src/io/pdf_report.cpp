#include "io/pdf_report.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace mamori::io {

namespace {

constexpr double kPageW = 595.28, kPageH = 841.89;  // A4 in points
constexpr double kMargin = 48, kBottom = kPageH - 56;
constexpr double kTextW = kPageW - 2 * kMargin;
constexpr const char* kFont = "IPAexGothic";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

// Draws pages top to bottom; `need(h)` starts a new page when h points do not fit.
class Writer {
 public:
  Writer(cairo_t* cr, const Report& r) : cr_(cr), report_(r) {}

  // A laid-out text of `width` points (wrapping by word and, for Japanese, by character).
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(const std::string& text, double size, bool bold, double width,
                                                     PangoAlignment align = PANGO_ALIGN_LEFT) {
    std::unique_ptr<PangoLayout, LayoutDeleter> l(pango_cairo_create_layout(cr_));
    std::unique_ptr<PangoFontDescription, FontDeleter> f(pango_font_description_new());
    pango_font_description_set_family(f.get(), kFont);
    pango_font_description_set_absolute_size(f.get(), size * PANGO_SCALE);
    pango_font_description_set_weight(f.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l.get(), f.get());
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_text(l.get(), text.c_str(), -1);
    return l;
  }

  static double height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void draw(PangoLayout* l, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  void need(double h) {
    if (y_ + h <= kBottom) return;
    new_page();
  }

  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  void footer() {
    auto l = layout(report_.footer + "　" + std::to_string(page_) + " ページ", 8, false, kTextW, PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
    draw(l.get(), kMargin, kPageH - 40);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  void title() {
    auto t = layout(report_.title, 20, true, kTextW);
    draw(t.get(), kMargin, y_);
    y_ += height(t.get()) + 6;
    auto s = layout(report_.subtitle, 11, false, kTextW);
    draw(s.get(), kMargin, y_);
    y_ += height(s.get()) + 14;
    cairo_set_line_width(cr_, 1.5);
    cairo_move_to(cr_, kMargin, y_);
    cairo_line_to(cr_, kPageW - kMargin, y_);
    cairo_stroke(cr_);
    y_ += 14;
  }

  void operator()(const Heading& h) {
    auto l = layout(h.text, 14, true, kTextW);
    need(height(l.get()) + 40);  // keep a heading with what follows
    y_ += 6;
    draw(l.get(), kMargin, y_);
    y_ += height(l.get()) + 8;
  }

  void operator()(const Paragraph& p) {
    auto l = layout(p.text, p.small ? 8.5 : 10.5, false, kTextW);
    need(height(l.get()));
    draw(l.get(), kMargin, y_);
    y_ += height(l.get()) + 8;
  }

  void operator()(const ReportTable& t) {
    auto row_layouts = [&](const std::vector<std::string>& cells, bool bold) {
      std::vector<std::unique_ptr<PangoLayout, LayoutDeleter>> ls;
      double h = 0;
      for (size_t c = 0; c < cells.size() && c < t.widths.size(); ++c) {
        bool num = c < t.numeric.size() && t.numeric[c];
        ls.push_back(layout(cells[c], 9, bold, t.widths[c] * kTextW - 8, num ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT));
        h = std::max(h, height(ls.back().get()));
      }
      return std::make_pair(std::move(ls), h + 6);
    };
    auto draw_row = [&](std::vector<std::unique_ptr<PangoLayout, LayoutDeleter>>& ls, double h, bool header) {
      double x = kMargin;
      if (header) {
        cairo_set_source_rgb(cr_, 0.92, 0.94, 0.98);
        cairo_rectangle(cr_, kMargin, y_, kTextW, h);
        cairo_fill(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
      }
      for (size_t c = 0; c < ls.size(); ++c) {
        draw(ls[c].get(), x + 4, y_ + 3);
        x += t.widths[c] * kTextW;
      }
      y_ += h;
      cairo_set_line_width(cr_, header ? 1.0 : 0.4);
      cairo_move_to(cr_, kMargin, y_);
      cairo_line_to(cr_, kPageW - kMargin, y_);
      cairo_stroke(cr_);
    };
    auto [hl, hh] = row_layouts(t.header, true);
    need(hh + 20);
    draw_row(hl, hh, true);
    for (const auto& row : t.rows) {
      auto [ls, h] = row_layouts(row, false);
      if (y_ + h > kBottom) {
        new_page();
        auto [again, ah] = row_layouts(t.header, true);
        draw_row(again, ah, true);
      }
      draw_row(ls, h, false);
    }
    y_ += 12;
  }

  void operator()(const ReportChart& ch) {
    const double h = 190, left = kMargin + 36, right = kPageW - kMargin - 8, top = 0;
    auto caption = layout(ch.caption, 9, false, kTextW);
    need(h + 40 + height(caption.get()));
    const double y0 = y_ + top, y1 = y_ + h;
    cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr_, 0.4);
    for (int p = 0; p <= 100; p += 25) {
      double y = y1 - (y1 - y0) * p / 100.0;
      cairo_move_to(cr_, left, y);
      cairo_line_to(cr_, right, y);
      cairo_stroke(cr_);
      auto l = layout(std::to_string(p) + "%", 8, false, 32, PANGO_ALIGN_RIGHT);
      cairo_set_source_rgb(cr_, 0, 0, 0);
      draw(l.get(), left - 36, y - 6);
      cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
    }
    const size_t n = ch.labels.size();
    auto xat = [&](size_t i) { return n <= 1 ? (left + right) / 2 : left + 20 + (right - left - 40) * i / (n - 1); };
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (size_t i = 0; i < n; ++i) {
      auto l = layout(ch.labels[i], 8, false, 70, PANGO_ALIGN_CENTER);
      draw(l.get(), xat(i) - 35, y1 + 4);
    }
    for (size_t s = 0; s < ch.series.size(); ++s) {
      const auto& ser = ch.series[s];
      cairo_set_line_width(cr_, 2);
      if (ser.dashed) {
        double dash[] = {5, 3};
        cairo_set_dash(cr_, dash, 2, 0);
        cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
      } else {
        cairo_set_source_rgb(cr_, 0.0, 0.19, 0.85);
      }
      bool pen = false;
      for (size_t i = 0; i < ser.values.size() && i < n; ++i) {
        if (!ser.values[i]) {
          pen = false;
          continue;
        }
        double y = y1 - (y1 - y0) * *ser.values[i];
        if (pen) cairo_line_to(cr_, xat(i), y);
        else cairo_move_to(cr_, xat(i), y);
        pen = true;
      }
      cairo_stroke(cr_);
      cairo_set_dash(cr_, nullptr, 0, 0);
      for (size_t i = 0; i < ser.values.size() && i < n; ++i) {
        if (!ser.values[i]) continue;
        double y = y1 - (y1 - y0) * *ser.values[i];
        if (ser.dashed) cairo_rectangle(cr_, xat(i) - 3, y - 3, 6, 6);
        else cairo_arc(cr_, xat(i), y, 3.5, 0, 2 * M_PI);
        cairo_fill(cr_);
      }
      // Legend: the marker shape and the line style tell the series apart, not colour alone.
      double lx = left + 10 + 150 * static_cast<double>(s), ly = y1 + 22;
      auto l = layout((ser.dashed ? "－ ■ " : "― ● ") + ser.name, 9, false, 140);
      draw(l.get(), lx, ly);
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    y_ = y1 + 42;
    draw(caption.get(), kMargin, y_);
    y_ += height(caption.get()) + 12;
  }

  void operator()(const std::vector<ReportItem>& items) {
    int n = 1;
    for (const auto& it : items) {
      auto head = layout(std::to_string(n++) + ". " + it.heading, 10, true, kTextW);
      auto text = layout(it.text, 9, false, kTextW - 14);
      need(height(head.get()) + height(text.get()) + 10);
      draw(head.get(), kMargin, y_);
      y_ += height(head.get()) + 2;
      draw(text.get(), kMargin + 14, y_);
      y_ += height(text.get()) + 10;
    }
  }

  void finish() { footer(); }

 private:
  cairo_t* cr_;
  const Report& report_;
  double y_ = kMargin;
  int page_ = 1;
};

}  // namespace

Result<std::string> render_pdf(const Report& report) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, report.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "mamori");
  cairo_t* cr = cairo_create(surface);
  {
    Writer w(cr, report);
    w.title();
    for (const auto& b : report.blocks) std::visit(w, b);
    w.finish();
  }
  cairo_show_page(cr);
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Status::Internal(std::string("cairo: ") + cairo_status_to_string(st));
  return out;
}

}  // namespace mamori::io
