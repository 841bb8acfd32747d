#pragma once
// The feedback report of one response (issue 4 §5), in Japanese: how the body stands
// beside its peers and the nation, its trend, the measures to take first and why, and all
// its answers. Built from the same Standing and trend as the API, rendered through ports::Documents.

#include "services/analytics/benchmark.h"
#include "base/clock.h"
#include "domain/report.h"

namespace mamori::analytics {

// As `viewer` may see it: groups withheld by disclosure.h are shown as such. Dated today in
// Japan by `clock`.
Result<Report> feedback_report(AnalyticsService& analytics, ports::Store& store, int64_t response_id,
                               const Viewer& viewer, const Clock& clock);

// An answer as a reader sees it: はい / いいえ, option labels, numbers with their unit,
// 「該当なし（理由）」, 「未回答」.
std::string answer_text_ja(const Question& q, const AnswerRecord& a);

}  // namespace mamori::analytics
