// Route registration: each resource file adds its routes (with their access
// actions) to the route table.
#pragma once

#include "domain/disclosure.h"
#include "api/services.h"
#include "api/routes.h"

namespace mamori::api {

void register_session_routes(RouteTable& r, Services& s);
void register_body_routes(RouteTable& r, Services& s);
void register_catalog_routes(RouteTable& r, Services& s);
void register_campaign_routes(RouteTable& r, Services& s);
void register_response_routes(RouteTable& r, Services& s);
void register_analytics_routes(RouteTable& r, Services& s);
void register_export_routes(RouteTable& r, Services& s);
void register_progress_routes(RouteTable& r, Services& s);
void register_feedback_batch_routes(RouteTable& r, Services& s);

// Who is looking at figures, for analytics::withheld (MIC sees all; others what the access
// policy lets them read).
analytics::Viewer viewer_of(const User& user);

// 202 with a job just started (JobRunner::start), as GET /api/jobs/{id} shows it.
http::Response job_started(Services& s, int64_t job_id);

// The session cookie's name: "__Host-mamori_session" behind TLS (secure_cookies), else
// "mamori_session".
std::string session_cookie_name(const Services& s);
// The Set-Cookie value of the session cookie (`max_age` 0 removes it); Secure behind TLS or
// when the request came over HTTPS (`secure_request`).
std::string session_cookie(const Services& s, const std::string& token, long max_age, bool secure_request);
void register_account_routes(RouteTable& r, Services& s);
void register_audit_routes(RouteTable& r, Services& s);
void register_reuse_routes(RouteTable& r, Services& s);
void register_partner_routes(RouteTable& r, Services& s);
void register_workbook_routes(RouteTable& r, Services& s);
void register_body_export_routes(RouteTable& r, Services& s);
void register_policy_routes(RouteTable& r, Services& s);

// Parses a positive integer path parameter; InvalidArgument "invalid_id".
Result<int64_t> id_param(const http::Request& req, const std::string& name);

// The responses of a campaign that `user` may read, as every campaign-wide list shows them:
// MIC and the analysts of the campaign's ministry see all (filtered by `f`); anyone else only its own prefecture (forced, whatever
// `f` says), and within it only the bodies the access policy lets it read.
Result<std::vector<ports::ResponseSummary>> readable_responses(Services& s, const User& user, int64_t campaign_id,
                                                               ports::ResponseFilter f);

}  // namespace mamori::api
