#pragma once
// Names of the groups of aggregates.h ("national", "type:city", "pref:01", "network:beta",
// "pop:lt10k") in Japanese and English. `prefecture_name` gives 北海道 for "01".

#include <functional>
#include <string>

#include "domain/catalog.h"

namespace mamori::analytics {

Text group_label(const std::string& key, const std::function<std::string(const std::string&)>& prefecture_name);

// Groups with fewer responses than this are never shown with figures
// (「非表示（5団体未満）」), so that no body's answers can be read off a small group.
constexpr int64_t kMinGroupSize = 5;

}  // namespace mamori::analytics
