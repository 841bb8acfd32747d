#include "base/clock.h"

#include <cstdio>
#include <ctime>

namespace mamori {

namespace {
std::string format(TimePoint tp, bool with_time) {
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(tp);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(tp - secs).count();
  std::time_t t = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  if (with_time)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}
}  // namespace

std::string to_iso(TimePoint t) { return format(t, true); }

std::string Clock::now_iso() const { return format(now(), true); }

std::string Clock::iso_after(std::chrono::seconds seconds) const { return format(now() + seconds, true); }

std::string Clock::today_in_japan() const { return format(now() + std::chrono::hours(9), false); }

const Clock& system_clock() {
  static const SystemClock kClock;
  return kClock;
}

std::optional<TimePoint> parse_iso(std::string_view iso) {
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  const std::string text(iso);
  int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &y, &mo, &d, &h, &mi, &s, &ms);
  if (n < 6) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(n == 7 ? ms : 0);
}

FakeClock::FakeClock(std::string_view iso) : now_(parse_iso(iso).value_or(TimePoint{}).time_since_epoch().count()) {}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))),
      d = std::stoi(std::string(s.substr(8, 2)));
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  return ymd.ok() && y >= 1900 && y <= 2100;
}

}  // namespace mamori
