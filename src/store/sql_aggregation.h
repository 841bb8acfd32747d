#pragma once
// The figures of one campaign computed a second, independent way: as one SQL `GROUP BY`
// query over the stored answers, generated from the catalogue.
//
// It exists to check the engine (aggregates.h) and to measure it against a database doing
// the same work (bench/dashboard_bench.cpp runs it on SQLite, and on DuckDB over the same
// rows exported to Parquet). The server never uses it.
//
// The query reads three relations with the columns of our SQLite schema:
//   responses(id, campaign_id, body_code, state)
//   answers(response_id, question_id, value)      value: JSON text, NULL when unanswered/該当なし
//   bodies(code, type, core_city, network_model, population_band)
// and returns rows (grp, question_id, implemented, applicable) for every group of
// groups_of() and every question with at least one applicable answer. It is written in the
// SQL that SQLite and DuckDB share (CASE, instr, substr, ||, correlated scalar subqueries),
// so the very same text runs on both.
//
// It groups and scores by the bodies' *current* attributes, where the engine uses, for a
// closed campaign, those frozen when it closed (analytics_service.h): the two agree while no
// body's attributes changed after its campaign closed (true of the demo and the benchmark
// data, which is what this is for).
//
// Scoring follows scoring.h exactly: a question counts when it has an `implemented` rule, a
// value that is not null, and its show_if holds (conditions on other questions become
// correlated lookups of those answers, recursively, as is_visible does).

#include <cstdint>
#include <map>
#include <string>

#include "domain/aggregates.h"
#include "domain/scoring.h"
#include "domain/catalog.h"

namespace mamori::analytics {

std::string aggregation_sql(const Catalog& cat, int64_t campaign_id);

// group → question id → ratio; what the query returns, or what the engine holds.
using FiguresByGroup = std::map<std::string, std::map<std::string, Ratio>>;

// What the engine holds for a campaign, in the same shape (questions with nothing applicable
// left out, as the query leaves them out).
FiguresByGroup engine_figures(const Aggregates& aggregates, int64_t campaign_id, const Catalog& cat);

// Adds one result row (grp, question_id, implemented, applicable).
void add_row(FiguresByGroup& out, const std::string& group, const std::string& question_id, int64_t implemented,
             int64_t applicable);

// Differences between two sets of figures, as lines ("pref:01 c1-01: 10/20 vs 11/20");
// a question missing on one side counts as 0/0. Empty when they agree.
std::vector<std::string> differences(const FiguresByGroup& a, const FiguresByGroup& b, size_t max_lines = 20);

}  // namespace mamori::analytics
