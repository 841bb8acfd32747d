// Reads the measure bank and the survey mappings from disk (docs/MEASURES.md): every `*.txt`
// of the folder is the bank, every `<catalogue id>.map` the mapping of that catalogue; and the
// NIST CSF 2.0 view of its `csf/` folder.
#pragma once

#include <string>

#include "domain/catalog.h"
#include "domain/csf.h"
#include "domain/survey_mapping.h"

namespace mamori::io {

// Loads `dir` against the loaded catalogues. Errors: NotFound "measures_dir_unreadable";
// InvalidArgument "invalid_measures" naming the file and line (a mapping file for a catalogue
// that does not exist included). A missing folder is an empty crosswalk only when `optional`.
Result<Crosswalk> load_crosswalk(const std::string& dir, const CatalogSet& catalogs, bool optional = false);

// Loads the NIST CSF 2.0 view from `dir` (measures/csf): `csf-2.0.csv`, the framework, and
// `<catalogue id>.map`, the mapping of each catalogue's questions to its subcategories.
// Errors as above ("invalid_csf" naming the file and line); a missing folder is an empty view
// (no framework, no mappings) only when `optional`.
Result<CsfView> load_csf_view(const std::string& dir, const CatalogSet& catalogs, bool optional = false);

}  // namespace mamori::io
