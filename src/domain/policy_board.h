#pragma once
// The national and prefectural board of the policy obligation (issue 16 §5, docs/POLICIES.md):
// over the bodies one may read, by group of body and by kind of organ, the share of counted
// organs with an adopted 方針 and with a published one, the bodies with every counted organ
// covered, the trend by month since the law came into force (2026-04-01), the organs still
// missing and the reviews overdue. Pure: the rows come from the store.

#include <optional>
#include <string>
#include <vector>

#include "domain/body.h"
#include "domain/policies.h"
#include "domain/publication_check.h"

namespace mamori::policies {

// One organ as the board counts it.
struct BoardOrgan {
  std::string body_code;
  std::string organ_name;
  OrganKind kind = OrganKind::kHead;
  bool counted = true;
  OrganStatus status = OrganStatus::kNone;
  std::optional<std::string> adopted_on;    // the earliest adoption among its policies
  std::optional<std::string> published_on;  // the earliest publication among them
};

// A body with its organs; `registered` false when the body never opened its register (its
// organs are then its type's defaults, none adopted).
struct BoardBody {
  Body body;
  bool registered = false;
  std::vector<BoardOrgan> organs;
};

// An adopted policy's review, as the board needs it.
struct BoardReview {
  std::string body_code, title;
  std::optional<std::string> due;  // review_due()
};

// The groups of seed 000's chart: 都道府県, 市区町村 (designated cities, cities, special
// wards, towns and villages), 一部事務組合・広域連合, 地方独立行政法人.
enum class BoardGroup { kPrefectures, kMunicipalities, kUnions, kAgencies };
BoardGroup group_of(BodyType t);
std::string_view to_string(BoardGroup g);

struct Share {
  int required = 0;   // organs counted
  int adopted = 0;    // with an adopted or published 方針
  int published = 0;  // with a published one
};

struct GroupLine {
  BoardGroup group = BoardGroup::kPrefectures;
  int bodies = 0;
  int bodies_complete = 0;  // every counted organ adopted
  Share organs;
};

struct KindLine {
  OrganKind kind = OrganKind::kHead;
  Share organs;
};

struct MonthLine {
  std::string month;  // YYYY-MM
  Share organs;       // adopted / published by the month's end
};

struct MissingBody {
  std::string body_code, body_name;
  std::vector<std::string> organs;  // the counted organs without an adopted 方針
  bool registered = false;
};

struct Board {
  std::vector<GroupLine> groups;  // in BoardGroup order, only groups with bodies
  std::vector<KindLine> kinds;    // in OrganKind order, only kinds counted somewhere
  std::vector<MonthLine> trend;   // from 2026-04 to the month of `today`
  std::vector<MissingBody> missing;  // body code order
  std::vector<BoardReview> overdue;  // body code order
  // The last publication checks that found something wrong (404, changed, unreachable),
  // body code order; set by the caller from the store's checks.
  std::vector<publication::Check> failing_checks;
};

// The first month the obligation applies (改正地方自治法 施行).
inline constexpr std::string_view kInForceMonth = "2026-04";

// The board of `bodies` on `today` (YYYY-MM-DD), with the reviews of their adopted policies.
Board board_of(const std::vector<BoardBody>& bodies, const std::vector<BoardReview>& reviews, const std::string& today);

// "2026-04" as 和暦: 「令和8年4月」.
std::string wareki_month(const std::string& month);

}  // namespace mamori::policies
