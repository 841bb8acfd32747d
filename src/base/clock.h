// Wall-clock helpers (UTC, ISO 8601 strings compare in time order).
#pragma once

#include <string>
#include <string_view>

namespace mamori {

// Now as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string now_iso();
// Now plus `seconds`, same format.
std::string iso_after_seconds(long seconds);
// True for a real calendar date from 1900 to 2100 written YYYY-MM-DD.
bool is_iso_date(std::string_view s);

}  // namespace mamori
