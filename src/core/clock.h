// Wall-clock helpers (UTC, ISO 8601 strings compare in time order).
#pragma once

#include <string>

namespace mamori {

// Now as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string now_iso();
// Now plus `seconds`, same format.
std::string iso_after_seconds(long seconds);
// Today's date in Japan (UTC+9) as "YYYY-MM-DD".
std::string today_jst();

}  // namespace mamori
