#pragma once
// A report as data: a title block, headings, paragraphs, tables, a line chart of rates over
// years and numbered items. What it says is decided by services (services/analytics/
// feedback.*); how it looks by the renderers behind ports::Documents (io/pdf_report.*,
// io/xlsx_report.*).

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mamori {

struct ReportTable {
  std::vector<std::string> header;
  std::vector<double> widths;  // fractions of the text width, one per column
  std::vector<bool> numeric;   // right-aligned columns
  std::vector<std::vector<std::string>> rows;
};

struct ReportSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // rates 0–1, one per label
  bool dashed = false;
};

struct ReportChart {
  std::string caption;  // one sentence, set under the chart
  std::vector<std::string> labels;
  std::vector<ReportSeries> series;
};

struct ReportItem {  // a numbered entry: a bold line and the text under it
  std::string heading;
  std::string text;
};

struct Heading { std::string text; };
struct Paragraph { std::string text; bool small = false; };
using ReportBlock = std::variant<Heading, Paragraph, ReportTable, ReportChart, std::vector<ReportItem>>;

struct Report {
  std::string title;     // large, on the first page
  std::string subtitle;  // under the title
  std::string footer;    // on every page, beside the page number
  std::vector<ReportBlock> blocks;
};

}  // namespace mamori
