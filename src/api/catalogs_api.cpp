// Catalogues (read-only: they are data in the repository).
#include "api/api.h"
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
  r.add({"GET", "/api/catalogs/{id}", std::string(auth::kSession), Target::kNone, [&s](const Request& req, const Context&) {
           const Catalog* c = s.catalogs.find(req.param("id"));
           if (!c) return http::error_response(Status::NotFound("catalog_not_found"));
           return http::json_response(catalog_json(*c, true));
         }});
}

}  // namespace mamori::api
