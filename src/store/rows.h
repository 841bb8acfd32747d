#pragma once
// Rows → records, shared by every repository and backend. A stored value that does not
// parse (an unknown state, body type or role) is a corrupt database: Internal, naming the
// table and value — never a silent default.

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/body.h"
#include "domain/model.h"
#include "store/sql.h"

namespace mamori::store {

// Columns from `first`: code, name_ja, name_kana, type, prefecture_code, core_city,
// network_model, population_band.
Result<Body> read_body(const Statement& st, int first = 0);
// Columns from `first`: type, prefecture_code, core_city, network_model, population_band.
Result<GroupAttributes> read_group_attributes(const Statement& st, int first = 0);
// Columns from `first`: id, login, display_name, body_code, roles, expires_at, email, disabled,
// must_change_password, totp_enabled.
// A user row (store/*/sql/users.sql) has kUserColumns columns from `first`.
inline constexpr int kUserColumns = 11;
Result<User> read_user(const Statement& st, int first = 0);
// id, title, fiscal_year, catalog_id, state, opens_at, closes_at, target_count, closed_at.
Result<Campaign> read_campaign(const Statement& st);
// Columns from `first`: id, campaign_id, body_code, state, locked, version, revision,
// submitted_at, accepted_at, updated_at.
Result<ResponseRecord> read_response(const Statement& st, int first = 0);
// question_id, value, previous, state, needs_confirmation, not_applicable, na_reason,
// comment, evidence_url, version, updated_by, updated_by_name, updated_at.
Result<AnswerRecord> read_answer(const Statement& st);
// category, assignee, assignee_name, ready, return_comment.
Result<CategoryStatus> read_category(const Statement& st);

// The error of a query that found no row: NotFound `code` when the statement simply ended,
// its own error otherwise.
Status no_row(const Statement& st, std::string code, MessageArgs args = {});
// Internal: the stored `value` of `what` (e.g. "organs.kind") does not parse.
Status corrupt(const std::string& what, const std::string& value);

}  // namespace mamori::store
