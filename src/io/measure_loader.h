// Reads the measure bank and the survey mappings from disk (docs/MEASURES.md): every `*.txt`
// of the folder is the bank, every `<catalogue id>.map` the mapping of that catalogue.
#pragma once

#include <string>

#include "domain/catalog.h"
#include "domain/survey_mapping.h"

namespace mamori::io {

// Loads `dir` against the loaded catalogues. Errors: NotFound "measures_dir_unreadable";
// InvalidArgument "invalid_measures" naming the file and line (a mapping file for a catalogue
// that does not exist included). A missing folder is an empty crosswalk only when `optional`.
Result<Crosswalk> load_crosswalk(const std::string& dir, const CatalogSet& catalogs, bool optional = false);

}  // namespace mamori::io
