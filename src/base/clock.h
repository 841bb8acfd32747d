// Time, injected: every layer that needs "now" is given a Clock, so tests can hold time
// still or move it (FakeClock). Times are UTC; as ISO 8601 strings they compare in order.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mamori {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  // Now as "YYYY-MM-DDTHH:MM:SS.mmmZ".
  std::string now_iso() const;
  // Now plus `seconds`, same format.
  std::string iso_after(std::chrono::seconds seconds) const;
  // Today's date in Japan (UTC+9) as YYYY-MM-DD.
  std::string today_in_japan() const;
};

// The wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};
// The one process-wide wall clock (for wiring; everything else is given a Clock&).
const Clock& system_clock();

// A clock that moves only when told (tests). Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  // From an ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SSZ".
  explicit FakeClock(std::string_view iso);
  TimePoint now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void advance(std::chrono::milliseconds d) { now_ += std::chrono::duration_cast<TimePoint::duration>(d).count(); }

 private:
  std::atomic<TimePoint::rep> now_;
};

// `t` as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string to_iso(TimePoint t);
// "YYYY-MM-DDTHH:MM:SS[.mmm]Z" as a time; nullopt when it does not parse.
std::optional<TimePoint> parse_iso(std::string_view s);
// True for a real calendar date from 1900 to 2100 written YYYY-MM-DD.
bool is_iso_date(std::string_view s);

}  // namespace mamori
