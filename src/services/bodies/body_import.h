// Imports into the master of bodies.
#pragma once

#include <string>
#include <vector>

#include "domain/body.h"
#include "ports/bodies.h"

namespace mamori {

// Registers the official list, keeping the attributes the administrator
// maintains (中核市, network model, population band, members) of bodies that
// already exist. Returns how many bodies were written.
Result<int64_t> import_official_bodies(ports::BodyRepository& store, std::vector<Body> official);

// The CSV the national administrator uses for 一部事務組合・広域連合, 地方独立行政法人
// and the attributes of existing bodies. Header (first line, exactly):
//   code,name_ja,name_kana,type,core_city,network_model,population_band,members
// `members` is a space-separated list of body codes (unions only; an empty
// cell keeps the current members). An existing body keeps its name and type
// when those cells are empty; a new body must be a union or an independent
// agency. Lines in messages are the file's lines. All-or-nothing: any bad row rejects the file with a
// message naming its line. Returns how many bodies were written.
Result<int64_t> import_bodies_csv(ports::BodyRepository& store, const std::string& csv_text);

}  // namespace mamori
