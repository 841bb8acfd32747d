#include "api/catalog_documents.h"

#include "api/json_views.h"
#include "crypto/password.h"
#include "http/compression.h"

namespace mamori::api {

CatalogDocuments::CatalogDocuments(const CatalogSet& catalogs) {
  for (const auto& [id, c] : catalogs.by_id) {
    auto e = std::make_unique<Entry>();
    e->doc.json = json::serialize(catalog_json(c, true));
    e->doc.version = auth::sha256_hex(e->doc.json).substr(0, 16);
    entries_.emplace(id, std::move(e));
  }
}

const std::string& CatalogDocuments::version(const std::string& id) const {
  static const std::string kNone;
  auto it = entries_.find(id);
  return it == entries_.end() ? kNone : it->second->doc.version;
}

const CatalogDocuments::Document* CatalogDocuments::document(const std::string& id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return nullptr;
  Entry& e = *it->second;
  std::call_once(e.compressed, [&] {
    e.doc.compressed = std::make_shared<const http::Precompressed>(http::precompress(e.doc.json));
  });
  return &e.doc;
}

}  // namespace mamori::api
