// The catalogues as the API sends them: each one's JSON serialised once, its version (a
// hash of that JSON, so it changes whenever a deployment changes the catalogue's files), and
// its compressed forms, made on first use. A catalogue is immutable for the life of the
// process, so a client that asks for it under its version may cache it for good.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "domain/catalog.h"
#include "http/request.h"

namespace mamori::api {

class CatalogDocuments {
 public:
  // Serialises every catalogue of `catalogs` (which must outlive this).
  explicit CatalogDocuments(const CatalogSet& catalogs);

  // The version of catalogue `id` (16 hex digits), or empty when there is no such catalogue.
  const std::string& version(const std::string& id) const;

  // The catalogue's JSON with its compressed forms (computed on the first call for `id`;
  // thread-safe). Null when there is no such catalogue.
  struct Document {
    std::string version;
    std::string json;
    std::shared_ptr<const http::Precompressed> compressed;
  };
  const Document* document(const std::string& id);

 private:
  struct Entry {
    Document doc;
    std::once_flag compressed;
  };
  std::map<std::string, std::unique_ptr<Entry>, std::less<>> entries_;
};

}  // namespace mamori::api
