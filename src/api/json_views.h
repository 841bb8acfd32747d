// Domain objects as JSON for the API (one place, so every route agrees).
#pragma once

#include <boost/json.hpp>

#include "domain/answer_json.h"
#include "domain/body.h"
#include "domain/catalog.h"
#include "ports/jobs.h"
#include "domain/model.h"
#include "services/responses/response_service.h"

namespace mamori::api {

namespace json = boost::json;

json::object body_json(const Body& b);
json::object user_json(const User& u);
json::object campaign_json(const Campaign& c);
json::object question_json(const Question& q);
json::object catalog_json(const Catalog& c, bool with_questions);
// The catalogue's categories, [{number, name: {ja, en}}]: what a figures page needs of it.
json::array categories_json(const Catalog& c);
json::object response_summary_json(const ResponseRecord& r);
// The response as `viewer` sees it, with "permissions": what the viewer may do now
// (auth::response_permissions), so the client does not re-implement the policy.
json::object response_view_json(const ResponseView& v, const User& viewer);
json::object job_json(const ports::JobRecord& j);
json::array diff_json(const std::vector<DiffEntry>& d);
// Parses stored JSON text (null on absent or broken text).
json::value parse_or_null(const std::optional<std::string>& s);

}  // namespace mamori::api
