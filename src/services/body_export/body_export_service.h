#pragma once
// A body's own data, complete (docs/BODY_EXPORT.md): downloaded as one JSON document of a
// documented schema, or as a workbook to read, by the body and by MIC; and a document
// restored into a database that holds no response of the body (`mamori restore-body`).
//
// Callers have passed the access policy (body.export). Thread-safe: one instance serves
// every request.

#include <string>
#include <string_view>

#include "base/clock.h"
#include "domain/catalog.h"
#include "ports/documents.h"
#include "ports/store.h"

namespace mamori {

class BodyExportService {
 public:
  // Every argument outlives the service.
  BodyExportService(ports::Store& store, ports::Documents& documents, const CatalogSet& catalogs, const Clock& clock)
      : store_(store), documents_(documents), catalogs_(catalogs), clock_(clock) {}

  // The JSON document of the body's data, exported by `by` (a display name). NotFound
  // "unknown_body".
  Result<std::string> json_document(const std::string& body_code, const std::string& by);
  // The same data as a workbook at `path` (a new file): a cover sheet and one sheet each
  // for responses, categories, answers, history, workflow events and submissions, with the
  // questions' numbers and texts from the catalogues. For reading: only the JSON restores.
  Status workbook(const std::string& body_code, const std::string& by, const std::string& path);
  // The file name to offer: mamori_<code>_data_<YYYYMMDD>.<extension>.
  std::string file_name(const std::string& body_code, std::string_view extension) const;

  // Restores a document's text (from json_document) into the store: all of it or nothing.
  // InvalidArgument "body_export_not_json" (not JSON), "body_export_version",
  // "body_export_invalid" (naming where), "body_export_unknown_catalog" (a survey whose
  // catalogue this server does not load); FailedPrecondition "body_export_target_not_empty",
  // "body_export_campaign_state" (the database holds the survey in another state).
  Result<ports::RestoredBody> restore(std::string_view text);

 private:
  ports::Store& store_;
  ports::Documents& documents_;
  const CatalogSet& catalogs_;
  const Clock& clock_;
};

}  // namespace mamori
