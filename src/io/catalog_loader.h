// Reads catalogue folders from disk (catalog/<id>/*.txt).
#pragma once

#include <string>

#include "domain/catalog.h"

namespace mamori::io {

// Loads one catalogue folder: catalog.txt first, then the other *.txt files
// in name order. File names in messages are relative to `root`'s parent.
Result<Catalog> load_catalog_dir(const std::string& dir);

// Loads every sub-folder of `root` and validates each lineage against its
// `previous` (which must exist).
Result<CatalogSet> load_catalogs(const std::string& root);

}  // namespace mamori::io
