#include "domain/group_labels.h"

#include <map>

#include "domain/body.h"

namespace mamori::analytics {

Text group_label(const std::string& key, const std::function<std::string(const std::string&)>& prefecture_name) {
  static const std::map<std::string, Text, std::less<>> fixed = {
      {"national", {"全国", "National"}},
      {"type:prefecture", {"都道府県", "Prefectures"}},
      {"type:designated_city", {"政令指定都市", "Designated cities"}},
      {"type:special_ward", {"特別区", "Special wards"}},
      {"type:city", {"市", "Cities"}},
      {"type:town", {"町", "Towns"}},
      {"type:village", {"村", "Villages"}},
      {"type:union", {"一部事務組合・広域連合", "Partial-affairs associations"}},
      {"type:independent_agency", {"地方独立行政法人", "Local independent administrative agencies"}},
      {"network:alpha", {"αモデル", "α model"}},
      {"network:alpha_prime", {"α′モデル", "α′ model"}},
      {"network:beta", {"βモデル", "β model"}},
      {"network:beta_prime", {"β′モデル", "β′ model"}},
      {"pop:lt10k", {"人口1万人未満", "Population under 10,000"}},
      {"pop:10k_50k", {"人口1万〜5万人", "Population 10,000–50,000"}},
      {"pop:50k_100k", {"人口5万〜10万人", "Population 50,000–100,000"}},
      {"pop:100k_300k", {"人口10万〜30万人", "Population 100,000–300,000"}},
      {"pop:300k_1m", {"人口30万〜100万人", "Population 300,000–1,000,000"}},
      {"pop:ge1m", {"人口100万人以上", "Population 1,000,000 or more"}},
  };
  if (auto it = fixed.find(key); it != fixed.end()) return it->second;
  if (key.rfind("pref:", 0) == 0) {
    std::string name = prefecture_name(key.substr(5));
    return {name, name};
  }
  return {key, key};
}

}  // namespace mamori::analytics
