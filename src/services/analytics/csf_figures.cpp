#include "services/analytics/csf_figures.h"

namespace mamori::analytics {

namespace {

// Fills `out.national` (or says why it is withheld) for a campaign of `cat`.
Status add_national(AnalyticsService& analytics, ports::Store& store, const CsfView& view, const CsfMapping& mapping,
                    int64_t campaign_id, const Viewer& viewer, CsfFigures& out) {
  MAMORI_ASSIGN_OR_RETURN(auto cam, store.campaigns().get_campaign(campaign_id));
  const Aggregates& agg = analytics.figures_for(viewer.sees_everything);
  const GroupFigures national = agg.figures(campaign_id, "national");
  Disclosure disclosure(viewer, cam, agg);
  out.national_withheld = disclosure.withheld("national", national);
  if (out.national_withheld != Withheld::kNo) return Status::Ok();
  // A question's national ratio counts only when it may be shown by itself (a conditional
  // question can have few applicable answers in a large group), as in every other figure.
  out.national = csf_coverage(view.framework, mapping, *out.catalog, [&](size_t i) {
    if (i >= national.questions.size() || !disclosure.question_shown("national", national, i)) return Ratio{};
    return national.questions[i];
  });
  return Status::Ok();
}

Result<const CsfMapping*> mapping_for(const CsfView& view, const std::string& catalog_id) {
  const CsfMapping* m = view.mapping_of(catalog_id);
  if (!m) return Status::NotFound("csf_not_mapped", {{"catalog", catalog_id}});
  return m;
}

}  // namespace

Result<CsfFigures> csf_of_response(AnalyticsService& analytics, ports::Store& store, const CsfView& view,
                                   int64_t response_id, const Viewer& viewer) {
  MAMORI_ASSIGN_OR_RETURN(OwnScores own, analytics.own_scores(response_id));
  MAMORI_ASSIGN_OR_RETURN(const CsfMapping* mapping, mapping_for(view, own.catalog->id));
  CsfFigures out;
  out.catalog = own.catalog;
  out.structure = csf_coverage(view.framework, *mapping, *own.catalog, [](size_t) { return Ratio{}; });
  out.own_outcomes = own.outcomes;
  out.own = csf_coverage(view.framework, *mapping, *own.catalog, [&](size_t i) {
    Ratio r;
    if (i < own.outcomes.size()) r.add(own.outcomes[i]);
    return r;
  });
  MAMORI_RETURN_IF_ERROR(add_national(analytics, store, view, *mapping, own.response.campaign_id, viewer, out));
  return out;
}

Result<CsfFigures> csf_of_campaign(AnalyticsService& analytics, ports::Store& store, const CsfView& view,
                                   int64_t campaign_id, const Viewer& viewer) {
  MAMORI_ASSIGN_OR_RETURN(auto cam, store.campaigns().get_campaign(campaign_id));
  MAMORI_ASSIGN_OR_RETURN(const CsfMapping* mapping, mapping_for(view, cam.catalog_id));
  CsfFigures out;
  out.catalog = analytics.catalogs().find(cam.catalog_id);
  if (!out.catalog) return Status::Internal("catalogue " + cam.catalog_id + " is not loaded");
  out.structure = csf_coverage(view.framework, *mapping, *out.catalog, [](size_t) { return Ratio{}; });
  MAMORI_RETURN_IF_ERROR(add_national(analytics, store, view, *mapping, campaign_id, viewer, out));
  return out;
}

}  // namespace mamori::analytics
