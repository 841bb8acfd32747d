// Catalogues (read-only: they are data in the repository).
#include "api/api.h"
#include "api/catalog_documents.h"
#include "api/json_views.h"
#include "domain/access_policy.h"
#include "http/json_body.h"

namespace mamori::api {

using http::Request;
using http::Response;

void register_catalog_routes(RouteTable& r, Services& s) {
  r.add({"GET", "/api/catalogs", std::string(auth::kSession), Target::kNone, [&s](const Request&, const Context&) {
           json::array out;
           for (const auto& [id, c] : s.catalogs.by_id) out.push_back(catalog_json(c, false));
           return http::json_response(json::object{{"catalogs", std::move(out)}});
         }});
  // One catalogue. Under its current version (`?v=`, as a response view names it) the
  // answer is cacheable for good; otherwise it is revalidated by its ETag.
  r.add({"GET", "/api/catalogs/{id}", std::string(auth::kSession), Target::kNone,
         [&s](const Request& req, const Context&) {
           const CatalogDocuments::Document* doc = s.catalog_documents.document(req.param("id"));
           if (!doc) return http::error_response(Status::NotFound("catalog_not_found"));
           const std::string etag = "\"" + doc->version + "\"";
           Response res;
           res.headers.emplace_back("ETag", etag);
           if (req.query("v").value_or("") == doc->version)
             res.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
           else
             res.headers.emplace_back("Cache-Control", "private, no-cache");
           if (req.header("if-none-match").value_or("") == etag) {
             res.status = 304;
             return res;
           }
           res.body = doc->json;
           res.precompressed = doc->compressed;
           return res;
         }});
}

}  // namespace mamori::api
