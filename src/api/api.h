// Route registration: each resource file adds its routes (with their access
// actions) to the router.
#pragma once

#include "api/services.h"
#include "http/router.h"

namespace mamori::api {

void register_session_routes(http::Router& r, Services& s);
void register_body_routes(http::Router& r, Services& s);
void register_catalog_routes(http::Router& r, Services& s);
void register_campaign_routes(http::Router& r, Services& s);
void register_response_routes(http::Router& r, Services& s);
void register_analytics_routes(http::Router& r, Services& s);
void register_export_routes(http::Router& r, Services& s);
void register_progress_routes(http::Router& r, Services& s);

// Parses a positive integer path parameter; InvalidArgument "invalid_id".
Result<int64_t> id_param(const http::Request& req, const std::string& name);

}  // namespace mamori::api
