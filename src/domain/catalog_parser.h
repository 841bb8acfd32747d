// Parses and validates catalogue text (docs/CATALOG_FORMAT.md). Pure: the
// caller reads the files.
#pragma once

#include <string>
#include <vector>

#include "domain/block_text.h"
#include "domain/catalog.h"

namespace mamori {

// Parses the files of one catalogue (in the given order) and validates
// everything that needs no other catalogue. The first problem is returned as
// InvalidArgument "invalid_catalog" whose messages start with "file:line: ".
Result<Catalog> parse_catalog(const std::vector<SourceFile>& files);

// Validates the lineage of `current` against `previous` (its `previous` id):
// every referenced id exists, split ids are named by at least two questions,
// merges name at least two ids. Errors name the file and line.
Status validate_lineage(const Catalog& current, const Catalog& previous);

}  // namespace mamori
