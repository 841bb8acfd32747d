#include "services/analytics/feedback.h"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <map>

#include "base/clock.h"

namespace mamori::analytics {

namespace json = boost::json;

namespace {

// A rate as text by the one rounding rule (percent_tenths): "67.4%".
std::string pct(std::optional<double> r) {
  auto tenths = percent_tenths(r);
  if (!tenths) return "—";
  return percent_text(*tenths) + "%";
}

std::string wareki_year(int fy) { return fy == 2019 ? "令和元年度" : "令和" + std::to_string(fy - 2018) + "年度"; }

std::string label_of(const Question& q, const std::string& key) {
  for (const auto& o : q.options)
    if (o.key == key) return o.label.ja;
  return key;
}

std::string number_text(const json::value& v) {
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v.as_double());
    return buf;
  }
  return json::serialize(v);
}

}  // namespace

std::string answer_text_ja(const Question& q, const AnswerRecord& a) {
  if (a.not_applicable) return "該当なし（" + a.na_reason + "）";
  if (!a.value_json) return "未回答";
  json::value v = json::parse(*a.value_json);
  switch (q.type) {
    case QuestionType::kYesNo:
      return v.is_string() && v.as_string() == "yes" ? "はい" : "いいえ";
    case QuestionType::kSingle:
      return v.is_string() ? label_of(q, std::string(v.as_string())) : json::serialize(v);
    case QuestionType::kMulti: {
      std::string out;
      if (v.is_array())
        for (const auto& e : v.as_array()) {
          if (!out.empty()) out += "、";
          out += e.is_string() ? label_of(q, std::string(e.as_string())) : json::serialize(e);
        }
      return out;
    }
    case QuestionType::kMaturity:
      return label_of(q, number_text(v));
    case QuestionType::kNumber:
      return number_text(v) + (q.unit.ja.empty() ? "" : " " + q.unit.ja);
    case QuestionType::kPercent:
      return number_text(v) + "%";
    case QuestionType::kDate:
    case QuestionType::kText:
      return v.is_string() ? std::string(v.as_string()) : json::serialize(v);
  }
  return json::serialize(v);
}

Result<Report> feedback_report(AnalyticsService& analytics, ports::Store& store, int64_t response_id,
                               const Viewer& viewer, const Clock& clock) {
  MAMORI_ASSIGN_OR_RETURN(auto st, standing_of(analytics, store, response_id, prefecture_names(store), viewer));
  MAMORI_ASSIGN_OR_RETURN(auto trend, trend_of(analytics, store, response_id, viewer));
  MAMORI_ASSIGN_OR_RETURN(auto campaign, store.campaigns().get_campaign(st.own.response.campaign_id));
  MAMORI_ASSIGN_OR_RETURN(auto answers, store.responses().get_answers(response_id));
  const Catalog& cat = *st.own.catalog;
  const Body& body = st.own.body;
  const GroupStanding& national = st.groups[0];
  const GroupStanding& peers = st.groups[1];
  auto shown = [](const GroupStanding& g, const Ratio& r) {
    return g.suppressed() ? withheld_note(g.withheld).ja : pct(r.rate());
  };

  Report rep;
  rep.title = "情報セキュリティ対策 フィードバック報告";
  rep.subtitle = body.name_ja + "（団体コード " + body.code + "）\n" + campaign.title;
  rep.footer = "mamori｜" + body.name_ja + "｜" + wareki_year(campaign.fiscal_year) + "｜作成 " + clock.today_in_japan();
  if (campaign.title.find("サンプルデータ") != std::string::npos)
    rep.blocks.push_back(Paragraph{"※ この報告の回答と集計はデモ用のサンプルデータです。実在の団体の状況ではありません。"});

  // 1. Standing by category.
  const Ratio own_total = total_of(st.own.categories);
  rep.blocks.push_back(Heading{"1. 項目ごとの実施率"});
  // "…の78.7%を下回り、全国の67.3%を上回っています。"
  auto versus = [&](const GroupStanding& g, bool last) -> std::string {
    if (g.suppressed()) return "";
    auto theirs = total_of(g.figures.categories).rate();
    auto mine = own_total.rate();
    if (!theirs || !mine) return "";
    std::string what = (g.key == "national" ? "全国" : "同じ区分（" + g.label.ja + "）") + "の" + pct(theirs);
    if (std::fabs(*mine - *theirs) < 0.005) return what + (last ? "とほぼ同じです。" : "とほぼ同じで、");
    bool above = *mine > *theirs;
    return what + (above ? (last ? "を上回っています。" : "を上回り、") : (last ? "を下回っています。" : "を下回り、"));
  };
  std::string summary = wareki_year(campaign.fiscal_year) + "の" + body.name_ja + "の実施率は" + pct(own_total.rate());
  std::string vs = versus(peers, national.suppressed()) + versus(national, true);
  summary += vs.empty() ? "です。" : "で、" + vs;
  rep.blocks.push_back(Paragraph{summary});
  ReportTable t{{"項目", "自団体", "同じ区分（" + peers.label.ja + "）", "全国"}, {0.4, 0.18, 0.28, 0.14}, {false, true, true, true}, {}};
  for (size_t i = 0; i < cat.categories.size() && i < st.own.categories.size(); ++i) {
    const Ratio& o = st.own.categories[i];
    t.rows.push_back({std::to_string(cat.categories[i].number) + ". " + cat.categories[i].name.ja,
                      pct(o.rate()) + "（" + std::to_string(o.implemented) + "/" + std::to_string(o.applicable) + "）",
                      shown(peers, peers.figures.categories[i]), shown(national, national.figures.categories[i])});
  }
  t.rows.push_back({"全体", pct(own_total.rate()), shown(peers, total_of(peers.figures.categories)),
                    shown(national, total_of(national.figures.categories))});
  rep.blocks.push_back(std::move(t));
  rep.blocks.push_back(Paragraph{"実施率 ＝ 実施している対策の数 ÷ 該当する対策の数（「該当なし」と未回答は含みません）。"
                                     "集計は提出済み・受理済みの回答によります。5団体未満のグループと、締切前の調査の集計は表示しません。",
                                     true});

  // 2. Trend.
  rep.blocks.push_back(Heading{"2. 年度ごとの推移"});
  ReportChart chart;
  ReportSeries own_series{"自団体", {}, false}, nat_series{"全国", {}, true};
  ReportTable tt{{"年度", "自団体", "全国"}, {0.4, 0.3, 0.3}, {false, true, true}, {}};
  for (const auto& p : trend) {
    chart.labels.push_back(wareki_year(p.fiscal_year));
    own_series.values.push_back(total_of(p.own).rate());
    bool shown_nat = p.national_withheld == Withheld::kNo;
    nat_series.values.push_back(shown_nat ? total_of(p.national.categories).rate() : std::nullopt);
    tt.rows.push_back({wareki_year(p.fiscal_year), pct(total_of(p.own).rate()),
                       shown_nat ? pct(total_of(p.national.categories).rate()) : withheld_note(p.national_withheld).ja});
  }
  chart.series = {own_series, nat_series};
  if (trend.size() >= 2 && own_series.values.front() && own_series.values.back())
    chart.caption = chart.labels.front() + "の" + pct(own_series.values.front()) + "から" + chart.labels.back() + "の" +
                    pct(own_series.values.back()) + "になりました（実線が自団体、破線が全国）。";
  else
    chart.caption = "比較できる年度はまだ1年度だけです。";
  rep.blocks.push_back(std::move(chart));
  rep.blocks.push_back(std::move(tt));

  // 3. Gaps.
  rep.blocks.push_back(Heading{"3. 優先して取り組む対策"});
  if (st.gaps.empty()) {
    rep.blocks.push_back(Paragraph{peers.withheld == Withheld::kOpenCampaign ? "調査の締切前のため、同じ区分の団体とはまだ比較していません。"
                                       : peers.suppressed() ? "同じ区分の団体が5団体未満のため、比較していません。"
                                                         : "同じ区分の団体の半数以上が実施していて、自団体が実施していない対策はありません。"});
  } else {
    rep.blocks.push_back(Paragraph{"自団体では実施しておらず、同じ区分（" + peers.label.ja +
                                       "）の団体の半数以上が実施している対策です。実施している団体の割合が高い順に並べています。"});
    std::vector<ReportItem> items;
    for (const auto& g : st.gaps)
      items.push_back({g.question->text.ja, "同じ区分の実施率 " + pct(g.peer_rate) + "／全国 " + pct(g.national_rate) +
                                               "\n理由：" + g.question->reason.ja});
    rep.blocks.push_back(std::move(items));
  }

  // 4. All answers.
  rep.blocks.push_back(Heading{"4. 回答一覧"});
  std::map<std::string, const AnswerRecord*, std::less<>> by_id;
  for (const auto& a : answers) by_id[a.question_id] = &a;
  AnswerValues values;
  for (const auto& a : answers) values.set_json(a.question_id, a.value_json);
  const AnswerLookup lookup = values.lookup();
  ReportTable at{{"設問", "回答"}, {0.62, 0.38}, {false, false}, {}};
  for (const auto& q : cat.questions) {
    auto it = by_id.find(q.id);
    if (it == by_id.end() || !is_visible(cat, q, body, lookup)) continue;
    at.rows.push_back({std::to_string(q.category) + ". " + q.text.ja, answer_text_ja(q, *it->second)});
  }
  rep.blocks.push_back(std::move(at));
  return rep;
}

}  // namespace mamori::analytics
