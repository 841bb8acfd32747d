// The JSON forms of an answer record, shared by the API, the history rows,
// conflict details and submission snapshots (one definition, so they agree).
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"

namespace mamori {

// Parses stored JSON text; nullopt when absent or unparsable.
std::optional<boost::json::value> parse_json(const std::optional<std::string>& text);

// What the answer says: value, state, not_applicable, na_reason, comment,
// evidence_url. History rows store this before and after each change.
boost::json::object answer_content_json(const AnswerRecord& a);

// Everything a client shows: the content plus question_id, previous,
// needs_confirmation, version, updated_by, updated_at.
boost::json::object answer_json(const AnswerRecord& a);

// The content of every answer, keyed by question id (a submission snapshot).
std::string answers_snapshot_json(const std::vector<AnswerRecord>& answers);

}  // namespace mamori
