#include "domain/ministry.h"

namespace mamori {

const std::vector<Ministry>& ministries() {
  static const std::vector<Ministry> all = {
      {"mic", {"総務省", "Ministry of Internal Affairs and Communications"}, {"総務省", "MIC"}},
      {"ppc", {"個人情報保護委員会", "Personal Information Protection Commission"}, {"個人情報保護委員会", "PPC"}},
      {"nco", {"国家サイバー統括室", "National Cybersecurity Office"}, {"国家サイバー統括室", "NCO"}},
  };
  return all;
}

const Ministry* find_ministry(std::string_view id) {
  for (const auto& m : ministries())
    if (m.id == id) return &m;
  return nullptr;
}

}  // namespace mamori
