#include "domain/policies.h"

#include "base/clock.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace mamori::policies {

namespace {

template <typename E, size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

template <typename E, size_t N>
std::string_view name_of(const Names<E, N>& names, E e) {
  for (const auto& [k, v] : names)
    if (k == e) return v;
  return "";
}

template <typename E, size_t N>
std::optional<E> parse_name(const Names<E, N>& names, std::string_view s) {
  for (const auto& [k, v] : names)
    if (v == s) return k;
  return std::nullopt;
}

constexpr Names<OrganKind, 15> kOrganKinds{{
    {OrganKind::kCouncil, "council"},
    {OrganKind::kHead, "head"},
    {OrganKind::kBoardOfEducation, "board_of_education"},
    {OrganKind::kElectionCommission, "election_commission"},
    {OrganKind::kPersonnelCommission, "personnel_commission"},
    {OrganKind::kFairnessCommission, "fairness_commission"},
    {OrganKind::kAuditCommissioners, "audit_commissioners"},
    {OrganKind::kPublicSafetyCommission, "public_safety_commission"},
    {OrganKind::kLabourRelationsCommission, "labour_relations_commission"},
    {OrganKind::kExpropriationCommission, "expropriation_commission"},
    {OrganKind::kSeaFisheryCommission, "sea_fishery_commission"},
    {OrganKind::kInlandFisheryCommission, "inland_fishery_commission"},
    {OrganKind::kAgriculturalCommittee, "agricultural_committee"},
    {OrganKind::kFixedAssetReviewBoard, "fixed_asset_review_board"},
    {OrganKind::kOther, "other"},
}};

constexpr Names<OrganKind, 15> kOrganLabels{{
    {OrganKind::kCouncil, "議会"},
    {OrganKind::kHead, "長"},
    {OrganKind::kBoardOfEducation, "教育委員会"},
    {OrganKind::kElectionCommission, "選挙管理委員会"},
    {OrganKind::kPersonnelCommission, "人事委員会"},
    {OrganKind::kFairnessCommission, "公平委員会"},
    {OrganKind::kAuditCommissioners, "監査委員"},
    {OrganKind::kPublicSafetyCommission, "公安委員会"},
    {OrganKind::kLabourRelationsCommission, "労働委員会"},
    {OrganKind::kExpropriationCommission, "収用委員会"},
    {OrganKind::kSeaFisheryCommission, "海区漁業調整委員会"},
    {OrganKind::kInlandFisheryCommission, "内水面漁場管理委員会"},
    {OrganKind::kAgriculturalCommittee, "農業委員会"},
    {OrganKind::kFixedAssetReviewBoard, "固定資産評価審査委員会"},
    {OrganKind::kOther, "その他の機関"},
}};

constexpr Names<Scope, 3> kScopes{{{Scope::kRequired, "required"}, {Scope::kExcluded, "excluded"},
                                   {Scope::kIndividual, "individual"}}};
constexpr Names<PolicyState, 2> kStates{{{PolicyState::kDrafting, "drafting"}, {PolicyState::kAdopted, "adopted"}}};
constexpr Names<PolicyBasis, 2> kBases{{{PolicyBasis::kNew, "new"}, {PolicyBasis::kExistingReviewed, "existing_reviewed"}}};
constexpr Names<OrganStatus, 4> kOrganStatuses{{{OrganStatus::kNone, "none"},
                                                {OrganStatus::kDrafting, "drafting"},
                                                {OrganStatus::kAdopted, "adopted"},
                                                {OrganStatus::kPublished, "published"}}};
constexpr Names<OrganStatus, 4> kOrganStatusLabels{{{OrganStatus::kNone, "未策定"},
                                                    {OrganStatus::kDrafting, "策定中"},
                                                    {OrganStatus::kAdopted, "策定済み"},
                                                    {OrganStatus::kPublished, "公表済み"}}};
constexpr Names<SecurityRole, 7> kRoles{{{SecurityRole::kCiso, "ciso"},
                                         {SecurityRole::kChiefOfficer, "chief_officer"},
                                         {SecurityRole::kOfficer, "officer"},
                                         {SecurityRole::kManager, "manager"},
                                         {SecurityRole::kSystemAdmin, "system_admin"},
                                         {SecurityRole::kCsirt, "csirt"},
                                         {SecurityRole::kCsirtContact, "csirt_contact"}}};
constexpr Names<SecurityRole, 7> kRoleLabels{{{SecurityRole::kCiso, "最高情報セキュリティ責任者（CISO）"},
                                              {SecurityRole::kChiefOfficer, "統括情報セキュリティ責任者"},
                                              {SecurityRole::kOfficer, "情報セキュリティ責任者"},
                                              {SecurityRole::kManager, "情報セキュリティ管理者"},
                                              {SecurityRole::kSystemAdmin, "情報システム管理者"},
                                              {SecurityRole::kCsirt, "CSIRT責任者"},
                                              {SecurityRole::kCsirtContact, "CSIRT窓口"}}};

// Prefectures without a coast have no 海区漁業調整委員会 (漁業法 第136条): 栃木, 群馬, 埼玉,
// 山梨, 長野, 岐阜, 滋賀, 奈良.
bool landlocked(std::string_view prefecture) {
  for (std::string_view p : {"09", "10", "11", "19", "20", "21", "25", "29"})
    if (p == prefecture) return true;
  return false;
}

}  // namespace

std::string_view to_string(OrganKind k) { return name_of(kOrganKinds, k); }
std::optional<OrganKind> parse_organ_kind(std::string_view s) { return parse_name(kOrganKinds, s); }
std::string_view organ_label_ja(OrganKind k) { return name_of(kOrganLabels, k); }
std::string_view to_string(Scope s) { return name_of(kScopes, s); }
std::optional<Scope> parse_scope(std::string_view s) { return parse_name(kScopes, s); }
std::string_view to_string(PolicyState s) { return name_of(kStates, s); }
std::optional<PolicyState> parse_policy_state(std::string_view s) { return parse_name(kStates, s); }
std::string_view to_string(PolicyBasis b) { return name_of(kBases, b); }
std::optional<PolicyBasis> parse_policy_basis(std::string_view s) { return parse_name(kBases, s); }
std::string_view to_string(OrganStatus s) { return name_of(kOrganStatuses, s); }
std::string_view organ_status_label_ja(OrganStatus s) { return name_of(kOrganStatusLabels, s); }
std::string_view to_string(SecurityRole r) { return name_of(kRoles, r); }
std::optional<SecurityRole> parse_security_role(std::string_view s) { return parse_name(kRoles, s); }
std::string_view security_role_label_ja(SecurityRole r) { return name_of(kRoleLabels, r); }

bool counted(const Organ& o) {
  return o.scope == Scope::kRequired || (o.scope == Scope::kIndividual && o.approved_by.empty());
}

std::vector<Organ> default_organs(const Body& body) {
  std::vector<Organ> out;
  auto add = [&](OrganKind k, std::string name) {
    out.push_back(Organ{.body_code = body.code, .kind = k, .name = std::move(name)});
  };
  const std::string head = body.type == BodyType::kPrefecture        ? "知事"
                           : body.type == BodyType::kSpecialWard     ? "区長"
                           : body.type == BodyType::kTown            ? "町長"
                           : body.type == BodyType::kVillage         ? "村長"
                           : body.type == BodyType::kUnion           ? "管理者"
                           : body.type == BodyType::kIndependentAgency ? "理事長"
                                                                     : "市長";
  if (body.type == BodyType::kIndependentAgency) {
    add(OrganKind::kHead, head);
    return out;
  }
  add(OrganKind::kCouncil, "議会");
  add(OrganKind::kHead, head);
  if (body.type == BodyType::kUnion) {
    add(OrganKind::kAuditCommissioners, "監査委員");
    return out;
  }
  add(OrganKind::kBoardOfEducation, "教育委員会");
  add(OrganKind::kElectionCommission, "選挙管理委員会");
  if (body.type == BodyType::kPrefecture || body.type == BodyType::kDesignatedCity)
    add(OrganKind::kPersonnelCommission, "人事委員会");
  else if (body.type != BodyType::kSpecialWard)  // the special wards share 特別区人事委員会
    add(OrganKind::kFairnessCommission, "公平委員会");
  add(OrganKind::kAuditCommissioners, "監査委員");
  if (body.type == BodyType::kPrefecture) {
    add(OrganKind::kPublicSafetyCommission, "公安委員会");
    out.back().scope = Scope::kExcluded;
    out.back().scope_basis = "地方自治法施行令第173条の7（大臣指針の対象外。所管省庁の法令による）";
    add(OrganKind::kLabourRelationsCommission, "労働委員会");
    add(OrganKind::kExpropriationCommission, "収用委員会");
    if (!landlocked(body.prefecture_code)) add(OrganKind::kSeaFisheryCommission, "海区漁業調整委員会");
    add(OrganKind::kInlandFisheryCommission, "内水面漁場管理委員会");
    return out;
  }
  add(OrganKind::kAgriculturalCommittee, "農業委員会");
  // In the special wards, Tokyo levies the fixed-asset tax: no review board of their own.
  if (body.type != BodyType::kSpecialWard) add(OrganKind::kFixedAssetReviewBoard, "固定資産評価審査委員会");
  return out;
}

bool published(const Policy& p) {
  return p.state == PolicyState::kAdopted && !p.publication_url.empty() && p.published_on.has_value();
}

OrganStatus status_of(int64_t organ_id, const std::vector<Policy>& policies) {
  OrganStatus best = OrganStatus::kNone;
  for (const auto& p : policies) {
    if (std::find(p.organs.begin(), p.organs.end(), organ_id) == p.organs.end()) continue;
    const OrganStatus s = published(p)                          ? OrganStatus::kPublished
                          : p.state == PolicyState::kAdopted    ? OrganStatus::kAdopted
                                                                : OrganStatus::kDrafting;
    best = std::max(best, s);
  }
  return best;
}

namespace {

// `date` (YYYY-MM-DD) plus `months`, the day clamped to the month's end.
std::string add_months(const std::string& date, int months) {
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2));
  const int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  d = std::min(d, kDays[m - 1] + (m == 2 && leap ? 1 : 0));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

std::optional<std::string> review_due(const Policy& p) {
  if (p.state != PolicyState::kAdopted || !p.adopted_on) return std::nullopt;
  std::string last = *p.adopted_on;
  for (const auto& r : p.reviews)
    if (r.done_on && *r.done_on > last) last = *r.done_on;
  return add_months(last, p.review_months);
}

bool review_overdue(const Policy& p, const std::string& today) {
  auto due = review_due(p);
  return due && today > *due;
}

bool current(const RoleHolder& h, const std::string& today) {
  return h.since <= today && (!h.until || *h.until >= today);
}

Status check_structure(const std::vector<RoleHolder>& holders, const std::string& today) {
  std::string missing;
  for (SecurityRole r : {SecurityRole::kCiso, SecurityRole::kChiefOfficer}) {
    const bool held =
        std::any_of(holders.begin(), holders.end(), [&](const RoleHolder& h) { return h.role == r && current(h, today); });
    if (!held) missing += (missing.empty() ? "" : "、") + std::string(security_role_label_ja(r));
  }
  if (missing.empty()) return Status::Ok();
  return Status::FailedPrecondition("policy_structure_missing", {{"roles", missing}});
}

bool excluded_by_law(OrganKind kind) { return kind == OrganKind::kPublicSafetyCommission; }

Status check_policy(const Policy& p, const std::vector<Organ>& organs, const std::string& today) {
  Status s = Status::InvalidArgument("invalid_fields");
  auto of_body = [&](int64_t id) {
    return std::any_of(organs.begin(), organs.end(), [&](const Organ& o) { return o.id == id; });
  };
  if (p.title.empty()) s.with_field("title", "field.required");
  if (p.organs.empty()) s.with_field("organs", "policy.organs_required");
  for (size_t i = 0; i < p.organs.size(); ++i) {
    if (!of_body(p.organs[i])) s.with_field("organs", "policy.organ_unknown", {{"id", std::to_string(p.organs[i])}});
    if (std::find(p.organs.begin(), p.organs.begin() + static_cast<std::ptrdiff_t>(i), p.organs[i]) !=
        p.organs.begin() + static_cast<std::ptrdiff_t>(i))
      s.with_field("organs", "policy.organ_twice");
  }
  if (p.approving_organ && !of_body(*p.approving_organ)) s.with_field("approving_organ", "policy.organ_unknown",
                                                                     {{"id", std::to_string(*p.approving_organ)}});
  for (const auto& [field, value] : {std::pair{"adopted_on", &p.adopted_on}, std::pair{"effective_on", &p.effective_on},
                                     std::pair{"published_on", &p.published_on}})
    if (*value && !is_iso_date(**value)) s.with_field(field, "field.date");
  if (p.state == PolicyState::kAdopted && !p.adopted_on) s.with_field("adopted_on", "policy.adopted_needs_date");
  for (const auto& [field, value] : {std::pair{"adopted_on", &p.adopted_on}, std::pair{"published_on", &p.published_on}})
    if (*value && is_iso_date(**value) && **value > today) s.with_field(field, "policy.date_in_future");
  if (p.adopted_on && p.published_on && is_iso_date(*p.adopted_on) && is_iso_date(*p.published_on) &&
      *p.published_on < *p.adopted_on)
    s.with_field("published_on", "policy.published_before_adoption");
  if (p.adopted_on && p.effective_on && is_iso_date(*p.adopted_on) && is_iso_date(*p.effective_on) &&
      *p.effective_on < *p.adopted_on)
    s.with_field("effective_on", "policy.effective_before_adoption");
  if (!p.publication_url.empty()) {
    const std::string& u = p.publication_url;
    const bool http = u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0;
    if (!http || u.size() > 2000 || u.find_first_of(" \t\r\n\"<>") != std::string::npos)
      s.with_field("publication_url", "policy.url");
  }
  if (p.publication_url.empty() != !p.published_on.has_value())
    s.with_field(p.publication_url.empty() ? "publication_url" : "published_on", "policy.publication_pair");
  if (p.published_on && p.state != PolicyState::kAdopted) s.with_field("published_on", "policy.published_needs_adoption");
  if (p.review_months < 1 || p.review_months > 60) s.with_field("review_months", "policy.review_months");
  return s.fields().empty() ? Status::Ok() : s;
}

Status check_review(const Review& r, const std::string& today) {
  Status s = Status::InvalidArgument("invalid_fields");
  if (!is_iso_date(r.planned_on)) s.with_field("planned_on", "field.date");
  if (r.done_on) {
    if (!is_iso_date(*r.done_on))
      s.with_field("done_on", "field.date");
    else if (*r.done_on > today)
      s.with_field("done_on", "policy.review_done_in_future");
    if (r.done_by.empty()) s.with_field("done_by", "field.required");
    if (r.outcome.empty()) s.with_field("outcome", "field.required");
  }
  return s.fields().empty() ? Status::Ok() : s;
}

}  // namespace mamori::policies
