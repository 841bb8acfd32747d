#include "domain/policy_board.h"

#include <algorithm>
#include <map>

namespace mamori::policies {

BoardGroup group_of(BodyType t) {
  switch (t) {
    case BodyType::kPrefecture: return BoardGroup::kPrefectures;
    case BodyType::kUnion: return BoardGroup::kUnions;
    case BodyType::kIndependentAgency: return BoardGroup::kAgencies;
    default: return BoardGroup::kMunicipalities;
  }
}

std::string_view to_string(BoardGroup g) {
  switch (g) {
    case BoardGroup::kPrefectures: return "prefectures";
    case BoardGroup::kMunicipalities: return "municipalities";
    case BoardGroup::kUnions: return "unions";
    case BoardGroup::kAgencies: return "agencies";
  }
  return "";
}

namespace {

void count(Share& s, const BoardOrgan& o) {
  ++s.required;
  if (o.status >= OrganStatus::kAdopted) ++s.adopted;
  if (o.status == OrganStatus::kPublished) ++s.published;
}

// The months from kInForceMonth to `today`'s, as YYYY-MM.
std::vector<std::string> months_until(const std::string& today) {
  std::vector<std::string> out;
  int y = 2026, m = 4;
  const std::string last = today.substr(0, 7);
  for (;;) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    if (std::string(buf) > last) break;
    out.emplace_back(buf);
    if (++m > 12) m = 1, ++y;
  }
  return out;
}

}  // namespace

Board board_of(const std::vector<BoardBody>& bodies, const std::vector<BoardReview>& reviews, const std::string& today) {
  Board b;
  std::map<BoardGroup, GroupLine> groups;
  std::map<OrganKind, Share> kinds;
  const auto months = months_until(today);
  std::vector<Share> trend(months.size());
  std::vector<std::string> month_ends;  // compare after every day of their month
  for (const auto& m : months) month_ends.push_back(m + "-31");
  for (const auto& body : bodies) {
    GroupLine& g = groups[group_of(body.body.type)];
    g.group = group_of(body.body.type);
    ++g.bodies;
    MissingBody missing{body.body.code, body.body.name_ja, {}, body.registered};
    for (const auto& o : body.organs) {
      if (!o.counted) continue;
      count(g.organs, o);
      count(kinds[o.kind], o);
      if (o.status < OrganStatus::kAdopted) missing.organs.push_back(o.organ_name);
      for (size_t i = 0; i < months.size(); ++i) {
        const std::string& end = month_ends[i];
        ++trend[i].required;
        if (o.status >= OrganStatus::kAdopted && o.adopted_on && *o.adopted_on <= end) ++trend[i].adopted;
        if (o.status == OrganStatus::kPublished && o.published_on && *o.published_on <= end) ++trend[i].published;
      }
    }
    if (missing.organs.empty())
      ++g.bodies_complete;
    else
      b.missing.push_back(std::move(missing));
  }
  for (auto& [group, line] : groups) b.groups.push_back(line);
  for (auto& [kind, share] : kinds) b.kinds.push_back(KindLine{kind, share});
  for (size_t i = 0; i < months.size(); ++i) b.trend.push_back(MonthLine{months[i], trend[i]});
  std::sort(b.missing.begin(), b.missing.end(),
            [](const MissingBody& x, const MissingBody& y) { return x.body_code < y.body_code; });
  for (const auto& r : reviews)
    if (r.due && today > *r.due) b.overdue.push_back(r);
  std::sort(b.overdue.begin(), b.overdue.end(),
            [](const BoardReview& x, const BoardReview& y) { return x.body_code < y.body_code; });
  return b;
}

std::string wareki_month(const std::string& month) {
  if (month.size() != 7) return month;
  const int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  if (y < 2019 || (y == 2019 && m < 5)) return month;  // before 令和: not needed here
  const int r = y - 2018;
  return "令和" + (r == 1 ? std::string("元") : std::to_string(r)) + "年" + std::to_string(m) + "月";
}

}  // namespace mamori::policies
