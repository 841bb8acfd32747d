#pragma once
// A body's own data, complete (docs/BODY_EXPORT.md): every year's responses with every
// answer, comment, evidence link and state, each answer's whole history, the categories'
// assignments and return comments, the workflow events and the submitted snapshots. What
// a body takes with it (data portability, a hand-over after 人事異動) and what MIC keeps;
// written as one JSON document of a documented schema, and read back by a restore into a
// database that holds nothing of the body yet.
//
// People are named by their display names, never by login or internal id: the document
// means the same in any database. Campaigns are named by catalogue, fiscal year and title.

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/model.h"

namespace mamori::body_export {

inline constexpr std::string_view kFormat = "mamori.body-export";
inline constexpr int kSchemaVersion = 1;

// The survey a response answers, as the database holds it (states as stored words). It is
// named by catalogue, fiscal year, title and opening date.
struct CampaignKey {
  std::string catalog_id;
  int fiscal_year = 0;
  std::string title;
  std::string state;  // draft, open, closed
  std::string opens_at, closes_at;
  std::optional<std::string> closed_at;
  bool operator==(const CampaignKey&) const = default;
};

// The comparison groups frozen when the campaign closed (domain/body.h GroupAttributes).
struct FrozenGroups {
  std::string type, prefecture_code;
  bool core_city = false;
  std::string network_model, population_band, frozen_at;
  bool operator==(const FrozenGroups&) const = default;
};

struct Category {
  int category = 0;
  std::string assignee;  // display name; "" for none
  bool ready = false;
  std::string return_comment;
  bool operator==(const Category&) const = default;
};

// An answer as stored; `updated_by` is a display name ("" when nobody changed it yet).
struct Answer {
  std::string question_id;
  std::optional<std::string> value_json, previous_json;
  std::string state;  // carried_over, confirmed, changed, new
  bool needs_confirmation = false, not_applicable = false;
  std::string na_reason, comment, evidence_url;
  int64_t version = 0;
  std::string updated_by, updated_at;
  bool operator==(const Answer&) const = default;
};

// One row of an answer's history: the whole answer before and after (JSON text).
struct HistoryRow {
  std::string question_id;
  int64_t version = 0;
  std::string user, at, old_json, new_json, note;
  bool operator==(const HistoryRow&) const = default;
};

struct Event {
  std::string action, from_state, to_state;
  std::optional<int> category;
  std::string comment, user, at;
  bool operator==(const Event&) const = default;
};

struct Submission {
  std::string at, snapshot_json;
  bool operator==(const Submission&) const = default;
};

struct Response {
  CampaignKey campaign;
  std::string state;  // draft, ready_for_review, submitted, accepted, returned
  bool locked = false;
  int64_t version = 0, revision = 0;
  std::optional<std::string> submitted_at, accepted_at;
  std::string updated_at;
  std::optional<FrozenGroups> groups;
  std::vector<Category> categories;    // category order
  std::vector<Answer> answers;         // question id order
  std::vector<HistoryRow> history;     // question id, then version order
  std::vector<Event> events;           // oldest first
  std::vector<Submission> submissions; // oldest first
  bool operator==(const Response&) const = default;
};

// The body's own record (its member municipalities not included).
struct BodyInfo {
  std::string code, name_ja, name_kana, type, prefecture_code;
  bool core_city = false;
  std::string network_model, population_band;
  bool operator==(const BodyInfo&) const = default;
};

// Someone the data names, and whether that person was the body's own (an account of the
// body) rather than MIC's or a prefecture's.
struct Person {
  std::string name;
  bool of_body = true;
  bool operator==(const Person&) const = default;
};

struct BodyData {
  BodyInfo body;
  std::vector<Person> people;       // every name the responses use, each once, by name
  std::vector<Response> responses;  // fiscal year, then catalogue order
  bool operator==(const BodyData&) const = default;
};

// Every name the responses use (assignees, authors, actors), each once, sorted.
std::vector<std::string> names_used(const BodyData& d);
// Whether `name` is the body's own person by `d.people` (a name it does not list: yes).
bool of_body(const BodyData& d, const std::string& name);

// The JSON document: format, schema_version, exported_at, exported_by, body, responses.
// Stored JSON (values, history rows, snapshots) is embedded as JSON, not as text.
// Internal "body_export_corrupt" when stored JSON does not parse.
Result<boost::json::object> to_json(const BodyData& d, const std::string& exported_at, const std::string& exported_by);

// The data of a document to_json() wrote. InvalidArgument "body_export_invalid" with
// {"path": where, e.g. "$.responses[2].answers[5].state"} for anything out of the schema
// (a wrong type, an unknown state, a missing field, a bad body code, a survey, question or
// category given twice), and "body_export_version" for another format or schema version.
Result<BodyData> from_json(const boost::json::value& doc);

}  // namespace mamori::body_export
