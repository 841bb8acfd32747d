#include "app/demo.h"

#include "app/demo_policies.h"

#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "crypto/password.h"
#include "crypto/totp.h"
#include "domain/answer.h"
#include "io/body_list.h"

namespace mamori {

namespace json = boost::json;

namespace {

// Larger bodies implement a little more (a plausible spread by type).
double type_bonus(BodyType t) {
  switch (t) {
    case BodyType::kPrefecture:
    case BodyType::kDesignatedCity:
      return 0.12;
    case BodyType::kSpecialWard:
      return 0.08;
    case BodyType::kCity:
      return 0.02;
    case BodyType::kTown:
      return -0.04;
    case BodyType::kVillage:
      return -0.08;
    default:
      return -0.05;
  }
}

void assign_sample_attributes(Body& b) {
  double r = unit_hash(b.code + "/model");
  b.network_model = r < 0.55 ? "alpha" : r < 0.72 ? "alpha_prime" : r < 0.88 ? "beta" : "beta_prime";
  double p = unit_hash(b.code + "/pop");
  switch (b.type) {
    case BodyType::kPrefecture:
    case BodyType::kDesignatedCity:
      b.population_band = p < 0.6 ? "ge1m" : "300k_1m";
      break;
    case BodyType::kSpecialWard:
      b.population_band = p < 0.5 ? "100k_300k" : "300k_1m";
      break;
    case BodyType::kCity:
      b.population_band = p < 0.3 ? "10k_50k" : p < 0.65 ? "50k_100k" : p < 0.95 ? "100k_300k" : "300k_1m";
      break;
    case BodyType::kTown:
      b.population_band = p < 0.45 ? "lt10k" : "10k_50k";
      break;
    default:
      b.population_band = "lt10k";
      break;
  }
}

}  // namespace

// Each fiscal year before FY2025 implements this much less (a plausible steady improvement).
constexpr double kYearlyDrift = 0.03;

std::optional<std::string> sample_value(const Question& q, const Body& body, int years_before) {
  std::string key = body.code + "/" + q.id;
  double r = unit_hash(key);
  double rate = (q.reference_rate ? *q.reference_rate / 100.0 : 0.7) + (q.reference_rate ? 0.0 : type_bonus(body.type)) -
                kYearlyDrift * years_before;
  switch (q.type) {
    case QuestionType::kYesNo: {
      bool positive = r < rate;
      bool yes_is_good = !q.implemented.defined || std::find(q.implemented.keys.begin(), q.implemented.keys.end(),
                                                             "yes") != q.implemented.keys.end();
      return json::serialize(json::value(positive == yes_is_good ? "yes" : "no"));
    }
    case QuestionType::kSingle:
      return json::serialize(
          json::value(q.options[static_cast<size_t>(r * static_cast<double>(q.options.size()))].key));
    case QuestionType::kMulti: {
      json::array a;
      for (const auto& o : q.options)
        if (o.key != "none" && unit_hash(key + "/" + o.key) < 0.5 - kYearlyDrift * years_before)
          a.push_back(json::value(o.key));
      if (a.empty())
        a.push_back(json::value(q.options.front().key == "none" && q.options.size() > 1 ? q.options[1].key
                                                                                        : q.options.front().key));
      return json::serialize(a);
    }
    case QuestionType::kNumber: {
      double lo = q.min.value_or(0), hi = std::min(q.max.value_or(100), lo + 50);
      return json::serialize(json::value(static_cast<int64_t>(lo + r * (hi - lo))));
    }
    case QuestionType::kPercent:
      return json::serialize(json::value(static_cast<int64_t>(std::max(0.0, 40 + r * 60 - 5.0 * years_before))));
    case QuestionType::kDate: {
      int month = 1 + static_cast<int>(r * 12);
      std::string date = std::to_string(2024 - years_before) + "-" + std::string(month < 10 ? "0" : "") +
                         std::to_string(month) + "-15";
      return json::serialize(json::value(date));
    }
    case QuestionType::kText:
      return json::serialize(json::value("（サンプルデータ）特記事項なし"));
    case QuestionType::kMaturity: {
      int level = std::clamp(static_cast<int>(std::lround((rate + r - 0.5) * 4.0)), 0, 4);
      return json::serialize(json::value(level));
    }
  }
  return std::nullopt;
}

void calibrate_reference_rates(const Catalog& cat, const std::vector<const Body*>& bodies, int years_before,
                               std::vector<std::vector<std::optional<std::string>>>& values) {
  // Parsed answers per body, for show_if; updated as reference answers change.
  std::vector<AnswerValues> parsed(bodies.size());
  for (size_t b = 0; b < bodies.size(); ++b)
    for (size_t i = 0; i < cat.questions.size(); ++i) parsed[b].set_json(cat.questions[i].id, values[b][i]);
  for (size_t i = 0; i < cat.questions.size(); ++i) {
    const Question& q = cat.questions[i];
    if (!q.reference_rate || q.type != QuestionType::kYesNo || !q.implemented.defined) continue;
    bool yes_is_good =
        std::find(q.implemented.keys.begin(), q.implemented.keys.end(), "yes") != q.implemented.keys.end();
    std::vector<std::pair<double, size_t>> ranked;  // (score, body index) of bodies that see q
    for (size_t b = 0; b < bodies.size(); ++b) {
      if (!is_visible(cat, q, *bodies[b], parsed[b].lookup())) continue;
      ranked.emplace_back(unit_hash(bodies[b]->code + "/" + q.id) - type_bonus(bodies[b]->type), b);
    }
    std::sort(ranked.begin(), ranked.end());
    double target = std::max(0.0, *q.reference_rate / 100.0 - kYearlyDrift * years_before);
    auto k = static_cast<size_t>(std::lround(target * static_cast<double>(ranked.size())));
    for (size_t n = 0; n < ranked.size(); ++n) {
      size_t b = ranked[n].second;
      bool implemented = n < k;
      std::string v = (implemented == yes_is_good) ? "yes" : "no";
      values[b][i] = json::serialize(json::value(v));
      parsed[b].set(q.id, json::value(v));
    }
  }
}

Result<int64_t> load_sample_campaign(App& app, const std::string& catalog_id, const std::string& title,
                                     const std::vector<std::string>& targets, int64_t admin_id) {
  auto& store = app.store();
  const Catalog* cat = app.catalogs().find(catalog_id);
  if (!cat) return Status::Internal("catalogue " + catalog_id + " is not loaded");
  const int years_before = std::max(0, 2025 - cat->fiscal_year);
  std::string year = std::to_string(cat->fiscal_year);
  NewCampaign c{.title = title, .fiscal_year = cat->fiscal_year, .catalog_id = catalog_id, .opens_at = year + "-09-01",
                .closes_at = year + "-10-31", .targets = targets};
  MAMORI_ASSIGN_OR_RETURN(auto id, app.campaigns().create(c));
  MAMORI_ASSIGN_OR_RETURN(auto bodies, store.bodies().list_bodies({.limit = 1000000}));
  // Every target's answers first, so that the reference questions can be calibrated across
  // all bodies; then one write.
  std::vector<const Body*> chosen;
  for (const auto& b : bodies)
    if (targets.empty() || std::find(targets.begin(), targets.end(), b.code) != targets.end()) chosen.push_back(&b);
  std::vector<std::vector<std::optional<std::string>>> values(chosen.size());
  std::map<std::string, size_t> row_of;
  for (size_t b = 0; b < chosen.size(); ++b) {
    row_of[chosen[b]->code] = b;
    values[b].reserve(cat->questions.size());
    for (const auto& q : cat->questions) values[b].push_back(sample_value(q, *chosen[b], years_before));
  }
  calibrate_reference_rates(*cat, chosen, years_before, values);
  std::vector<int> categories;
  for (const auto& cc : cat->categories) categories.push_back(cc.number);
  MAMORI_RETURN_IF_ERROR(store.campaigns().open_campaign(
      id, categories,
      [&](const std::string& code, std::vector<ports::OpeningAnswer>& rows) {
        const auto& v = values[row_of.at(code)];
        for (size_t i = 0; i < cat->questions.size(); ++i)
          rows.push_back(ports::OpeningAnswer{&cat->questions[i].id, v[i], std::nullopt, "new", false});
      },
      {}));
  MAMORI_RETURN_IF_ERROR(store.campaigns().import_accepted(id, admin_id));
  MAMORI_RETURN_IF_ERROR(store.campaigns().close_campaign(id, admin_id));
  return id;
}

double unit_hash(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return static_cast<double>(h >> 11) / static_cast<double>(1ull << 53);
}

Result<DemoResult> load_demo(App& app, const std::string& body_list_xlsx, std::ostream& log, bool fast_hash,
                             int first_history_year) {
  DemoResult out;
  auto& store = app.store();
  MAMORI_ASSIGN_OR_RETURN(auto existing, store.campaigns().list_campaigns());
  if (!existing.empty())
    return Status::FailedPrecondition("database_not_empty");
  MAMORI_ASSIGN_OR_RETURN(auto bodies, io::load_official_body_list(body_list_xlsx));
  for (auto& b : bodies) assign_sample_attributes(b);
  // The demo body used by the demo accounts shows the β′ questions.
  for (auto& b : bodies)
    if (b.code == "011002") b.network_model = "beta_prime";
  MAMORI_RETURN_IF_ERROR(store.bodies().upsert_bodies(bodies));
  out.bodies = static_cast<int64_t>(bodies.size());
  log << "団体 " << out.bodies << " 件を登録しました（ネットワークモデル・人口区分はサンプル値）。\n";

  // Accounts first: the imported history is attributed to the administrator.
  auto cost = fast_hash ? auth::HashCost::kMinimum : auth::HashCost::kInteractive;
  struct Spec {
    const char* login;
    const char* name;
    Role role;
    const char* body;
    const char* ministry = "";
  };
  const Spec specs[] = {
      {"demo-admin", "総務省 管理者（デモ）", Role::kNationalAdmin, ""},
      {"demo-prefecture", "北海道 支援担当（デモ）", Role::kPrefectureSupporter, "010006"},
      {"demo-respondent", "札幌市 担当者（デモ）", Role::kBodyRespondent, "011002"},
      {"demo-approver", "札幌市 確認者（デモ）", Role::kBodyApprover, "011002"},
      {"demo-auditor", "札幌市 監査人（デモ）", Role::kBodyViewer, "011002"},
      {"demo-analyst", "個人情報保護委員会 分析担当（デモ）", Role::kPartnerAnalyst, "", "ppc"},
  };
  int64_t admin_id = 0;
  for (const auto& s : specs) {
    std::string password = auth::random_token(9);
    MAMORI_ASSIGN_OR_RETURN(auto hash, auth::hash_password(password, cost));
    // Addresses in the reserved .example domain (RFC 2606): reminders to them go nowhere real.
    User u{.login = s.login, .display_name = s.name, .body_code = s.body, .roles = {s.role},
           .email = std::string(s.login) + "@mamori.example", .ministry = s.ministry};
    MAMORI_ASSIGN_OR_RETURN(auto id, store.users().create_user(u, hash));
    if (s.role == Role::kNationalAdmin) admin_id = id;
    std::string body_name;
    for (const auto& b : bodies)
      if (b.code == s.body) body_name = b.name_ja;
    // The roles that must sign in with a second factor have one already, its secret printed
    // with the password, so the README's journey works without enrolling first.
    std::string secret;
    u.id = id;
    if (u.needs_second_factor()) {
      secret = auth::new_totp_secret();
      MAMORI_RETURN_IF_ERROR(app.second_factors().enrol_with(u, secret));
    }
    out.accounts.push_back(DemoAccount{s.login, password, std::string(to_string(s.role)), s.body, body_name, secret});
  }

  // FY2021…FY2025: synthetic answers for every body, accepted (imported history).
  for (int year = std::clamp(first_history_year, 2021, 2025); year <= 2025; ++year) {
    std::string era = "令和" + std::to_string(year - 2018) + "年度";
    MAMORI_ASSIGN_OR_RETURN(auto id, load_sample_campaign(app, "fy" + std::to_string(year),
                                   era + " 地方公共団体における情報セキュリティ対策に関する調査（サンプルデータ）", {}, admin_id));
    out.history_campaigns.push_back(id);
    out.previous_campaign = id;
    log << era << "（FY" << year << "）のサンプル回答を全団体分登録し、受理済みにしました。\n";
  }

  NewCampaign c26{.title = "令和8年度 地方公共団体における情報セキュリティ対策に関する調査",
                  .fiscal_year = 2026,
                  .catalog_id = "fy2026",
                  .opens_at = "2026-10-01",
                  .closes_at = "2027-01-29"};
  MAMORI_ASSIGN_OR_RETURN(auto id26, app.campaigns().create(c26));
  MAMORI_RETURN_IF_ERROR(app.campaigns().open(id26, [&](int64_t done, int64_t total) {
    if (done == total || done % 500 == 0) log << "  令和8年度調査を開始中… " << done << " / " << total << " 団体\n";
  }));
  out.current_campaign = id26;
  log << "令和8年度（FY2026）調査を開始し、前年度回答を引き継ぎました。\n";

  // The other ministries' surveys (samples, docs/MEASURES.md) run in other months: PPC's
  // over the winter, NCO's from February. For the bodies of 北海道 only, so that the demo
  // loads quickly; each campaign can target any bodies.
  if (app.catalogs().find("ppc-fy2026") && app.catalogs().find("nco-fy2026")) {
    std::vector<std::string> hokkaido;
    for (const auto& b : bodies)
      if (b.prefecture_code == "01") hokkaido.push_back(b.code);
    NewCampaign ppc{.title = "【サンプル】令和8年度 番号法に基づく定期報告（安全管理措置）",
                    .fiscal_year = 2026,
                    .catalog_id = "ppc-fy2026",
                    .opens_at = "2026-12-01",
                    .closes_at = "2027-01-15",
                    .targets = hokkaido};
    MAMORI_ASSIGN_OR_RETURN(out.ppc_campaign, app.campaigns().create(ppc));
    MAMORI_RETURN_IF_ERROR(app.campaigns().open(out.ppc_campaign, [](int64_t, int64_t) {}));
    NewCampaign nco{.title = "【サンプル】令和8年度 地方公共団体のサイバーセキュリティ対策状況調査（NCO様式）",
                    .fiscal_year = 2026,
                    .catalog_id = "nco-fy2026",
                    .opens_at = "2027-02-01",
                    .closes_at = "2027-03-15",
                    .targets = hokkaido};
    MAMORI_ASSIGN_OR_RETURN(out.nco_campaign, app.campaigns().create(nco));
    log << "他府省の調査のサンプル（個人情報保護委員会: 受付中、NCO: 2月開始の準備中）を北海道の " << hokkaido.size()
        << " 団体に作成しました。\n";
  }

  // The policy obligation (docs/POLICIES.md): sample unions, added after the surveys so that
  // the survey figures stay those of the 1,788 bodies, then every body's organs and 方針.
  auto unions = sample_unions(bodies);
  MAMORI_RETURN_IF_ERROR(store.bodies().upsert_bodies(unions));
  bodies.insert(bodies.end(), unions.begin(), unions.end());
  MAMORI_ASSIGN_OR_RETURN(auto obligation, load_sample_policies(app, bodies));
  log << "一部事務組合・広域連合のサンプル " << unions.size() << " 件を登録し、" << obligation.bodies << " 団体の機関と方針 "
      << obligation.policies << " 件（サンプル）を登録しました。\n";
  return out;
}

}  // namespace mamori
