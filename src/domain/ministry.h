// The ministries whose surveys mamori carries (survey families), and who keeps a measure's
// definition (docs/MEASURES.md). A ministry joins by a row here, its catalogues
// (`family = <id>`) and its mapping file.
#pragma once

#include <string_view>
#include <vector>

#include "domain/catalog.h"

namespace mamori {

struct Ministry {
  std::string_view id;  // "mic", "ppc", "nco": a catalogue's `family`, a measure's `steward`
  Text name;            // 総務省 / Ministry of Internal Affairs and Communications
  Text abbreviation;    // 総務省 / MIC
};

// In display order, MIC first.
const std::vector<Ministry>& ministries();
// nullptr for an unknown id.
const Ministry* find_ministry(std::string_view id);

}  // namespace mamori
