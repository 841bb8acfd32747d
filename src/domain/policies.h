#pragma once
// The policy obligation (issue 16; docs/POLICIES.md): since 2026-04-01 the 議会 and each
// 執行機関 of every body must set a cybersecurity 方針 (jointly allowed), after building an
// organisation-wide structure (策定の体制). Here are the rules, without I/O: the organs a
// body has by its type, their scope, a policy's status for each organ it covers, and the
// security roles (権限・責任等一覧表) a policy's structure rests on.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/body.h"

namespace mamori::policies {

// The kinds of organ (地方自治法 第138条の4, 第180条の5). A union's 管理者 and an
// independent agency's 理事長 are its `head`.
enum class OrganKind {
  kCouncil,                      // 議会
  kHead,                         // 長 (管理者, 理事長)
  kBoardOfEducation,             // 教育委員会
  kElectionCommission,           // 選挙管理委員会
  kPersonnelCommission,          // 人事委員会
  kFairnessCommission,           // 公平委員会
  kAuditCommissioners,           // 監査委員
  kPublicSafetyCommission,       // 公安委員会 (prefectures)
  kLabourRelationsCommission,    // 労働委員会 (prefectures)
  kExpropriationCommission,      // 収用委員会 (prefectures)
  kSeaFisheryCommission,         // 海区漁業調整委員会 (prefectures)
  kInlandFisheryCommission,      // 内水面漁場管理委員会 (prefectures)
  kAgriculturalCommittee,        // 農業委員会 (municipalities)
  kFixedAssetReviewBoard,        // 固定資産評価審査委員会 (municipalities)
  kOther,                        // any other organ the body records
};
std::string_view to_string(OrganKind k);
std::optional<OrganKind> parse_organ_kind(std::string_view s);
std::string_view organ_label_ja(OrganKind k);

// Whether an organ counts toward the obligation's denominators.
enum class Scope {
  kRequired,    // must have a 方針
  kExcluded,    // outside the 大臣指針 by law (公安委員会: 施行令第173条の7); never counted
  kIndividual,  // decided for this body (its own network, a ministry's own guideline): counted
                // as required until MIC approves the decision, then not counted
};
std::string_view to_string(Scope s);
std::optional<Scope> parse_scope(std::string_view s);

struct Organ {
  int64_t id = 0;
  std::string body_code;
  OrganKind kind = OrganKind::kHead;
  std::string name;         // 「北海道議会」「教育委員会」: unique in the body
  Scope scope = Scope::kRequired;
  std::string scope_basis;  // excluded: the legal basis; individual: the reason
  std::string decided_by;   // individual: who decided (a display name)
  std::string approved_by;  // individual: MIC's approver; "" while pending
  std::optional<std::string> approved_at;
};

// Whether `o` is counted: required, or individual and not yet approved by MIC.
bool counted(const Organ& o);

// The organs a body of `type` has, as first registered (editable afterwards): the 議会 and
// the 長, and the committees of 地方自治法 第180条の5 by body type. A prefecture's 公安委員会
// is excluded with its legal basis. Names are prefixed with nothing: 「議会」「知事」….
std::vector<Organ> default_organs(const Body& body);

// A policy's life: drafted, then adopted (策定), then published (公表) once it has a
// publication URL and date.
enum class PolicyState { kDrafting, kAdopted };
std::string_view to_string(PolicyState s);
std::optional<PolicyState> parse_policy_state(std::string_view s);

// What a policy rests on: a new 方針, or the body's existing 基本方針 reviewed against the
// 大臣指針 (000:88-90).
enum class PolicyBasis { kNew, kExistingReviewed };
std::string_view to_string(PolicyBasis b);
std::optional<PolicyBasis> parse_policy_basis(std::string_view s);

struct Review {
  int64_t id = 0;
  std::string planned_on;              // YYYY-MM-DD
  std::optional<std::string> done_on;  // YYYY-MM-DD
  std::string done_by, outcome, new_version;
};

struct Policy {
  int64_t id = 0;
  std::string body_code;
  std::string title, version;
  PolicyBasis basis = PolicyBasis::kNew;
  PolicyState state = PolicyState::kDrafting;
  std::optional<std::string> adopted_on, effective_on;  // YYYY-MM-DD
  std::optional<int64_t> approving_organ;
  std::string publication_url;
  std::optional<std::string> published_on;  // YYYY-MM-DD
  int review_months = 12;
  std::vector<int64_t> organs;  // the organs it covers (a joint policy covers several)
  std::vector<Review> reviews;  // oldest planned first
  int64_t revision = 0;         // bumped by every change
  std::string updated_by, updated_at;
};

// An organ's status: 未策定 / 策定中 / 策定済み / 公表済み.
enum class OrganStatus { kNone, kDrafting, kAdopted, kPublished };
std::string_view to_string(OrganStatus s);
std::string_view organ_status_label_ja(OrganStatus s);

bool published(const Policy& p);
// The best status among the policies covering `organ_id`.
OrganStatus status_of(int64_t organ_id, const std::vector<Policy>& policies);

// When the next review is due: the last review done (or else the adoption date) plus the
// review cycle; none before adoption.
std::optional<std::string> review_due(const Policy& p);
// Whether the review is overdue on `today` (YYYY-MM-DD): 見直し期限超過.
bool review_overdue(const Policy& p, const std::string& today);

// The roles of the guideline's 組織体制 (権限・責任等一覧表).
enum class SecurityRole {
  kCiso,          // 最高情報セキュリティ責任者
  kChiefOfficer,  // 統括情報セキュリティ責任者
  kOfficer,       // 情報セキュリティ責任者 (per department)
  kManager,       // 情報セキュリティ管理者 (per department)
  kSystemAdmin,   // 情報システム管理者
  kCsirt,         // CSIRT (its head)
  kCsirtContact,  // CSIRT の窓口
};
std::string_view to_string(SecurityRole r);
std::optional<SecurityRole> parse_security_role(std::string_view s);
std::string_view security_role_label_ja(SecurityRole r);

// Who held a role from `since` until `until` (none: holds it now). Kept across years: a
// change of holder ends the old entry and adds a new one.
struct RoleHolder {
  int64_t id = 0;
  std::string body_code;
  SecurityRole role = SecurityRole::kCiso;
  std::string person, title, department, contact;
  std::string since;                  // YYYY-MM-DD
  std::optional<std::string> until;   // YYYY-MM-DD
  std::string recorded_by, recorded_at;
};

// Whether `holder` holds its role on `today`.
bool current(const RoleHolder& holder, const std::string& today);
// The structure a policy rests on (策定の体制, 000:87,111): a current CISO and a current
// 統括情報セキュリティ責任者. FailedPrecondition "policy_structure_missing" naming the roles
// missing ({"roles": "最高情報セキュリティ責任者、…"}) otherwise.
Status check_structure(const std::vector<RoleHolder>& holders, const std::string& today);

// What a person sends to create or change a policy, checked against the body's organs on
// `today` (YYYY-MM-DD): a title; covered organs, each of the body and named once; an
// approving organ of the body; the dates as YYYY-MM-DD with the effective date not before
// adoption, and adoption and publication not in the future nor publication before adoption;
// adopted needs an adoption date; a publication URL that is http(s) and a publication date
// together, only once adopted; a review cycle of 1–60 months. InvalidArgument
// "invalid_fields" naming each field otherwise.
Status check_policy(const Policy& p, const std::vector<Organ>& organs, const std::string& today);
// Whether a body may itself exclude an organ of `kind`: only where the law excludes it
// (公安委員会: 施行令第173条の7). Any other organ is decided individually, for MIC to approve.
bool excluded_by_law(OrganKind kind);
// A review: a planned date; a done date not after `today`, with who did it and the outcome.
Status check_review(const Review& r, const std::string& today);

}  // namespace mamori::policies
