#pragma once
// National exports of a campaign as tables (written to any ports::TableSink: CSV or xlsx):
// every answer of every body, and the rate tables of every group.

#include "services/analytics/analytics_service.h"
#include "ports/table_sink.h"

namespace mamori::analytics {

std::vector<std::string> answers_header();
// One row per body and question, in body-code and catalogue order. Reads one response at a
// time, so memory stays flat whatever the campaign's size.
Status export_answers(ports::Store& store, const CatalogSet& catalogs, int64_t campaign_id, ports::TableSink& out);

// The survey's own layout (a partner ministry's export, issue 14): one row per body, one
// column per item in the survey's order, headed by the survey's own item codes.
std::vector<std::string> survey_header(const Catalog& cat);
Status export_survey_layout(ports::Store& store, const CatalogSet& catalogs, int64_t campaign_id,
                            ports::TableSink& out);

// One column per category of the campaign's catalogue.
std::vector<std::string> rates_header(const Catalog& cat);
// One row per group (national, types, prefectures, network models, population bands) with
// its size and rates in percent; groups under kMinGroupSize say 非表示 instead.
Status export_rates(AnalyticsService& analytics, ports::Store& store, int64_t campaign_id, ports::TableSink& out);

}  // namespace mamori::analytics
