#include "store/rows.h"

#include <sstream>

namespace mamori::store {

Status corrupt(const std::string& what, const std::string& value) {
  return Status::Internal("corrupt stored value: " + what + " '" + value + "'");
}

namespace {

bool is_answer_state(const std::string& s) {
  return s == "carried_over" || s == "confirmed" || s == "changed" || s == "new";
}

}  // namespace

namespace {

Result<GroupAttributes> read_groups(const Statement& st, int first, const std::string& where) {
  GroupAttributes g;
  const std::string type = st.text(first);
  auto t = parse_body_type(type);
  if (!t) return corrupt(where, type);
  g.type = *t;
  g.prefecture_code = st.text(first + 1);
  g.core_city = st.int64(first + 2) != 0;
  g.network_model = st.text(first + 3);
  g.population_band = st.text(first + 4);
  return g;
}

}  // namespace

Result<Body> read_body(const Statement& st, int first) {
  Body b;
  b.code = st.text(first);
  b.name_ja = st.text(first + 1);
  b.name_kana = st.text(first + 2);
  MAMORI_ASSIGN_OR_RETURN(GroupAttributes g, read_groups(st, first + 3, "bodies.type of " + b.code));
  return with_group_attributes(std::move(b), g);
}

Result<GroupAttributes> read_group_attributes(const Statement& st, int first) {
  return read_groups(st, first, "response_groups.type");
}

Result<User> read_user(const Statement& st, int first) {
  User u;
  u.id = st.int64(first);
  u.login = st.text(first + 1);
  u.display_name = st.text(first + 2);
  u.body_code = st.text(first + 3);
  std::stringstream roles(st.text(first + 4));
  std::string part;
  while (std::getline(roles, part, ',')) {
    auto r = parse_role(part);
    if (!r) return corrupt("users.roles of " + u.login, part);
    u.roles.push_back(*r);
  }
  u.expires_at = st.opt_text(first + 5);
  u.email = st.text(first + 6);
  u.disabled = st.int64(first + 7) != 0;
  u.must_change_password = st.int64(first + 8) != 0;
  u.second_factor = st.int64(first + 9) != 0;
  u.ministry = st.text(first + 10);
  return u;
}

Result<Campaign> read_campaign(const Statement& st) {
  Campaign c;
  c.id = st.int64(0);
  c.title = st.text(1);
  c.fiscal_year = static_cast<int>(st.int64(2));
  c.catalog_id = st.text(3);
  const std::string state = st.text(4);
  auto s = parse_campaign_state(state);
  if (!s) return corrupt("campaigns.state of " + std::to_string(c.id), state);
  c.state = *s;
  c.opens_at = st.text(5);
  c.closes_at = st.text(6);
  c.target_count = st.int64(7);
  c.closed_at = st.opt_text(8);
  return c;
}

Result<ResponseRecord> read_response(const Statement& st, int first) {
  ResponseRecord r;
  r.id = st.int64(first);
  r.campaign_id = st.int64(first + 1);
  r.body_code = st.text(first + 2);
  const std::string state = st.text(first + 3);
  auto s = parse_response_state(state);
  if (!s) return corrupt("responses.state of " + std::to_string(r.id), state);
  r.state = *s;
  r.locked = st.int64(first + 4) != 0;
  r.version = st.int64(first + 5);
  r.revision = st.int64(first + 6);
  r.submitted_at = st.opt_text(first + 7);
  r.accepted_at = st.opt_text(first + 8);
  r.updated_at = st.text(first + 9);
  return r;
}

Result<AnswerRecord> read_answer(const Statement& st) {
  AnswerRecord a;
  a.question_id = st.text(0);
  a.value_json = st.opt_text(1);
  a.previous_json = st.opt_text(2);
  a.state = st.text(3);
  if (!is_answer_state(a.state)) return corrupt("answers.state of " + a.question_id, a.state);
  a.needs_confirmation = st.int64(4) != 0;
  a.not_applicable = st.int64(5) != 0;
  a.na_reason = st.text(6);
  a.comment = st.text(7);
  a.evidence_url = st.text(8);
  a.version = st.int64(9);
  a.updated_by = st.opt_int64(10);
  a.updated_by_name = st.text(11);
  a.updated_at = st.text(12);
  return a;
}

Result<CategoryStatus> read_category(const Statement& st) {
  return CategoryStatus{static_cast<int>(st.int64(0)), st.opt_int64(1), st.text(2), st.int64(3) != 0, st.text(4)};
}

Status no_row(const Statement& st, std::string code, MessageArgs args) {
  if (!st.status().ok()) return st.status();
  return Status::NotFound(std::move(code), std::move(args));
}

}  // namespace mamori::store
