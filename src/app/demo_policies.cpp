#include "app/demo_policies.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "app/demo.h"
#include "domain/policies.h"

namespace mamori {

namespace pol = policies;
namespace chr = std::chrono;

namespace {

chr::sys_days parse_day(const std::string& iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d);
  return chr::sys_days{chr::year{y} / chr::month{m} / chr::day{d}};
}

std::string iso(chr::sys_days day) {
  chr::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// A day between `from` and `to`, placed by `r` in [0, 1) (r² leans early: most adopted soon
// after the law came into force).
chr::sys_days day_between(chr::sys_days from, chr::sys_days to, double r, bool lean_early) {
  if (to <= from) return to;
  const double at = lean_early ? r * r : r;
  return from + chr::days{static_cast<int>(at * static_cast<double>((to - from).count()))};
}

std::string code_of(const std::string& first_five) {
  return first_five + std::to_string(body_code_check_digit(first_five));
}

bool is_municipality(BodyType t) {
  return t != BodyType::kPrefecture && t != BodyType::kUnion && t != BodyType::kIndependentAgency;
}

// The titles of the sample holders of the CISO and the 統括 by type of body.
std::pair<std::string, std::string> structure_titles(BodyType t) {
  switch (t) {
    case BodyType::kPrefecture: return {"副知事", "総務部長"};
    case BodyType::kTown: return {"副町長", "総務課長"};
    case BodyType::kVillage: return {"副村長", "総務課長"};
    case BodyType::kUnion: return {"副管理者", "事務局長"};
    case BodyType::kSpecialWard: return {"副区長", "総務部長"};
    default: return {"副市長", "総務局長"};
  }
}

// How one body fares in the sample: all its counted organs adopted, a draft, or nothing.
enum class Fate { kAdopted, kDrafting, kNothing };

// The sample of one body: its organs (local ids 1…n), policies and roles.
ports::BodyPolicies sample_of(const Body& b, Fate fate, chr::sys_days last_day) {
  ports::BodyPolicies out;
  out.organs = pol::default_organs(b);
  for (size_t i = 0; i < out.organs.size(); ++i) out.organs[i].id = static_cast<int64_t>(i + 1);
  if (fate == Fate::kNothing) return out;

  const auto [ciso_title, chief_title] = structure_titles(b.type);
  const chr::sys_days in_force = parse_day("2026-04-01");
  auto role = [&](pol::SecurityRole r, std::string person, std::string title, std::string dept, std::string since,
                  std::optional<std::string> until = std::nullopt, std::string contact = "") {
    out.roles.push_back(pol::RoleHolder{.body_code = b.code, .role = r, .person = std::move(person),
                                        .title = std::move(title), .department = std::move(dept),
                                        .contact = std::move(contact), .since = std::move(since),
                                        .until = std::move(until)});
  };
  // 人事異動: the CISO changed on 1 April; the former one stays on record.
  role(pol::SecurityRole::kCiso, "見本 一郎（サンプル）", ciso_title, "", "2023-04-01", "2026-03-31");
  role(pol::SecurityRole::kCiso, "見本 二郎（サンプル）", ciso_title, "", "2026-04-01");
  role(pol::SecurityRole::kChiefOfficer, "見本 花子（サンプル）", chief_title, "総務部", "2025-04-01");
  if (b.type != BodyType::kUnion) {
    role(pol::SecurityRole::kCsirt, "見本 三郎（サンプル）", "情報政策課長", "情報政策課", "2025-04-01");
    role(pol::SecurityRole::kCsirtContact, "情報政策課 CSIRT窓口（サンプル）", "", "情報政策課", "2025-04-01",
         std::nullopt, "csirt@sample-" + b.code + ".example");
  }

  // Which organs adopt together: the 議会 on its own in some bodies, the executive organs jointly.
  std::vector<int64_t> council, executive;
  int64_t head = 0;
  for (const auto& o : out.organs) {
    if (!pol::counted(o)) continue;
    if (o.kind == pol::OrganKind::kHead) head = o.id;
    (o.kind == pol::OrganKind::kCouncil ? council : executive).push_back(o.id);
  }
  const bool council_apart = b.type == BodyType::kPrefecture || unit_hash(b.code + "/council") < 0.3;
  std::vector<std::vector<int64_t>> groups;
  if (council_apart) {
    groups = {executive, council};
  } else {
    executive.insert(executive.begin(), council.begin(), council.end());
    groups = {executive};
  }

  // When: prefectures by the end of May, municipalities leaning early, unions later.
  const double r = unit_hash(b.code + "/adopted");
  chr::sys_days from = parse_day("2026-03-02"), to = last_day;
  if (b.type == BodyType::kPrefecture) to = std::min(to, parse_day("2026-05-29"));
  if (b.type == BodyType::kUnion) from = parse_day("2026-05-01");
  const chr::sys_days adopted = day_between(from, to, r, b.type != BodyType::kUnion);
  const double pub = unit_hash(b.code + "/published");
  const bool is_published = b.type == BodyType::kPrefecture || (is_municipality(b.type) && pub < 0.85) ||
                            (b.type == BodyType::kUnion && pub < 0.4);
  // A few municipalities review every 6 months; past the due date, some have not: 見直し期限超過.
  const bool short_cycle = is_municipality(b.type) && unit_hash(b.code + "/cycle") < 0.04 && adopted < in_force + chr::days{60};

  for (size_t g = 0; g < groups.size(); ++g) {
    pol::Policy p{.body_code = b.code};
    const bool is_council = council_apart && g == 1;
    p.title = std::string(is_council ? "議会情報セキュリティ方針" : "情報セキュリティ基本方針") + "（サンプル）";
    p.version = "1.0";
    p.basis = unit_hash(b.code + "/basis") < 0.7 ? pol::PolicyBasis::kExistingReviewed : pol::PolicyBasis::kNew;
    p.organs = groups[g];
    p.approving_organ = is_council ? groups[g].front() : head;
    p.review_months = short_cycle ? 6 : 12;
    if (fate == Fate::kDrafting) {
      p.state = pol::PolicyState::kDrafting;
    } else {
      p.state = pol::PolicyState::kAdopted;
      p.adopted_on = iso(adopted);
      p.effective_on = iso(adopted + chr::days{1});
      if (is_published) {
        p.published_on = iso(std::min(adopted + chr::days{14}, last_day));
        p.publication_url = "https://www.sample-" + b.code + ".example/security/" + (is_council ? "council" : "policy");
      }
      if (short_cycle && unit_hash(b.code + "/reviewed") < 0.5) {
        const std::string done = iso(std::min(adopted + chr::days{180}, last_day));
        p.reviews.push_back(pol::Review{.planned_on = done, .done_on = done, .done_by = "見本 花子（サンプル）",
                                        .outcome = "大臣指針に照らして見直し、変更なし（サンプル）"});
      }
    }
    out.policies.push_back(std::move(p));
  }
  return out;
}

// How each body fares: every prefecture adopts; of the municipalities, seventeen do not (札幌市
// among them, unregistered), of which half are drafting; of the unions, 21 in 100 adopt and 20
// more are drafting. Chosen by a stable score, larger bodies adopting more.
std::map<std::string, Fate> fates_of(const std::vector<Body>& bodies) {
  std::map<std::string, Fate> out;
  std::vector<std::pair<double, std::string>> municipalities, unions;
  for (const auto& b : bodies) {
    const double score = unit_hash(b.code + "/policy");
    if (b.type == BodyType::kPrefecture) {
      out[b.code] = Fate::kAdopted;
    } else if (b.type == BodyType::kUnion) {
      unions.emplace_back(score, b.code);
    } else if (is_municipality(b.type)) {
      const double bonus = b.type == BodyType::kDesignatedCity ? 0.3 : b.type == BodyType::kVillage ? -0.2 : 0;
      municipalities.emplace_back(demo_leaves_unregistered(b.code) ? -10 : score + bonus, b.code);
    }
  }
  std::sort(municipalities.begin(), municipalities.end());
  for (size_t i = 0; i < municipalities.size(); ++i)
    out[municipalities[i].second] = i >= 17 ? Fate::kAdopted : i % 2 ? Fate::kDrafting : Fate::kNothing;
  std::sort(unions.begin(), unions.end());
  const size_t adopting = (unions.size() * 21 + 50) / 100;
  for (size_t i = 0; i < unions.size(); ++i)
    out[unions[i].second] = i < adopting ? Fate::kAdopted : i < adopting + unions.size() / 5 ? Fate::kDrafting : Fate::kNothing;
  return out;
}

}  // namespace

bool demo_leaves_unregistered(const std::string& code) { return code == "011002"; }

std::vector<Body> sample_unions(const std::vector<Body>& bodies) {
  std::map<std::string, std::string> prefecture_names;
  std::map<std::string, std::vector<const Body*>> municipalities;
  for (const auto& b : bodies) {
    if (b.type == BodyType::kPrefecture) prefecture_names[b.prefecture_code] = b.name_ja;
    else if (is_municipality(b.type)) municipalities[b.prefecture_code].push_back(&b);
  }
  std::vector<Body> out;
  auto add = [&](const std::string& pref, int n, std::string name, std::vector<std::string> members) {
    char five[16];
    std::snprintf(five, sizeof five, "%s8%02d", pref.c_str(), n % 100);
    out.push_back(Body{.code = code_of(five), .name_ja = std::move(name) + "（サンプル）", .type = BodyType::kUnion,
                       .prefecture_code = pref, .members = std::move(members)});
  };
  for (const auto& [pref, name] : prefecture_names) {
    const auto& ms = municipalities[pref];
    if (ms.empty()) continue;
    std::vector<std::string> all, first;
    for (const Body* m : ms) all.push_back(m->code);
    for (size_t i = 0; i < std::min<size_t>(3, ms.size()); ++i) first.push_back(ms[i]->code);
    std::string short_name = name.substr(0, name.size() - 3);  // 北海道 keeps its 道
    if (pref == "01") short_name = name;
    add(pref, 1, short_name + "後期高齢者医療広域連合", all);
    add(pref, 2, ms.front()->name_ja + "周辺環境衛生組合", first);
    if (pref != "01") continue;
    const char* kinds[] = {"消防組合", "広域市町村圏組合", "学校給食組合", "衛生処理組合", "公立病院組合", "介護保険広域連合"};
    for (int k = 0; k < 6; ++k) {
      const size_t at = std::min(ms.size() - 1, static_cast<size_t>(10 + 20 * k));
      std::vector<std::string> members;
      for (size_t i = at; i < std::min(ms.size(), at + 4); ++i) members.push_back(ms[i]->code);
      add(pref, 3 + k, ms[at]->name_ja + "ほか" + kinds[k], members);
    }
  }
  return out;
}

Result<PolicySampleCounts> load_sample_policies(App& app, const std::vector<Body>& bodies) {
  const std::string today = app.clock().today_in_japan();
  const chr::sys_days last_day = std::min(parse_day("2026-11-30"), parse_day(today) - chr::days{1});
  const auto fates = fates_of(bodies);
  std::vector<ports::BodyPolicies> all;
  PolicySampleCounts counts;
  for (const auto& b : bodies) {
    auto fate = fates.find(b.code);
    if (fate == fates.end() || demo_leaves_unregistered(b.code)) continue;
    auto sample = sample_of(b, fate->second, last_day);
    for (const auto& p : sample.policies) {
      Status ok = pol::check_policy(p, sample.organs, today);
      if (!ok.ok()) return Status::Internal("sample policy of " + b.code + " breaks a rule: " + ok.message_key());
    }
    counts.policies += static_cast<int64_t>(sample.policies.size());
    ++counts.bodies;
    all.push_back(std::move(sample));
  }
  MAMORI_RETURN_IF_ERROR(app.store().policies().import_obligations(all, "総務省（サンプルデータ）"));
  return counts;
}

}  // namespace mamori
