#pragma once
// A report as a PDF (A4, Japanese text set with Pango in IPAex Gothic, subset-embedded by
// cairo): a title block, paragraphs, tables that break across pages (the header row is
// repeated), a line chart of rates over years, and numbered items. The content is data
// (domain/report.h); what it says is decided by the caller (services/analytics/feedback.*).

#include <string>

#include "base/status.h"
#include "domain/report.h"

namespace mamori::io {

// The PDF bytes. Errors: Internal when cairo fails.
Result<std::string> render_pdf(const Report& report);

}  // namespace mamori::io
