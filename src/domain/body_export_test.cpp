#include "domain/body_export.h"

#include <gtest/gtest.h>

namespace mamori::body_export {
namespace {

namespace json = boost::json;

BodyData sample() {
  BodyData d;
  d.body = BodyInfo{"011002", "札幌市", "ｻｯﾎﾟﾛｼ", "designated_city", "01", false, "beta", ""};
  d.people = {{"担当 一郎", true}, {"承認 花子", true}, {"総務省 担当", false}};
  Response r;
  r.campaign = CampaignKey{"mic-2026", 2026, "令和8年度調査", "closed", "2026-10-01", "2027-01-29", "2027-02-01T00:00:00Z"};
  r.state = "accepted";
  r.locked = true;
  r.version = 7;
  r.revision = 3;
  r.submitted_at = "2026-12-01T01:00:00Z";
  r.accepted_at = "2026-12-02T01:00:00Z";
  r.updated_at = "2026-12-02T01:00:00Z";
  r.groups = FrozenGroups{"designated_city", "01", false, "beta", "", "2027-02-01T00:00:00Z"};
  r.categories = {{1, "担当 一郎", true, ""}, {2, "", false, "数値を確認してください"}};
  r.answers = {{"q1", "\"yes\"", "\"yes\"", "confirmed", false, false, "", "", "", 1, "担当 一郎", "2026-11-01T00:00:00Z"},
               {"q2", std::nullopt, std::nullopt, "new", false, true, "対象システムなし", "庁内で確認", "https://example.lg.jp/x",
                2, "担当 一郎", "2026-11-02T00:00:00Z"}};
  r.history = {{"q1", 1, "担当 一郎", "2026-11-01T00:00:00Z", R"({"value":"yes"})", R"({"value":"yes","state":"confirmed"})", ""},
               {"q2", 1, "担当 一郎", "2026-11-02T00:00:00Z", R"({"value":null})", R"({"value":null})", "workbook|x|a.xlsx"}};
  r.events = {{"submit", "ready_for_review", "submitted", std::nullopt, "", "承認 花子", "2026-12-01T01:00:00Z"},
              {"category_returned", "draft", "draft", 2, "数値を確認してください", "承認 花子", "2026-11-20T00:00:00Z"}};
  r.submissions = {{"2026-12-01T01:00:00Z", R"({"q1":"yes"})"}};
  d.responses.push_back(r);
  return d;
}

json::value document(const BodyData& d) {
  auto o = to_json(d, "2026-12-06T00:00:00Z", "担当 一郎");
  EXPECT_TRUE(o.ok());
  return o.ok() ? json::value(*o) : json::value();
}

TEST(BodyExport, ADocumentReadsBackAsTheSameData) {
  const BodyData d = sample();
  json::value doc = document(d);
  EXPECT_EQ(doc.at("format").as_string(), "mamori.body-export");
  EXPECT_EQ(doc.at("schema_version").as_int64(), 1);
  // Stored JSON is embedded as JSON, not as text.
  EXPECT_TRUE(doc.at("responses").at(0).at("answers").at(0).at("value").is_string());
  EXPECT_TRUE(doc.at("responses").at(0).at("history").at(0).at("old").is_object());
  EXPECT_EQ(doc.at("people").as_array().size(), 3u);
  EXPECT_FALSE(doc.at("people").at(2).at("of_body").as_bool());
  // Through text, as a file would carry it.
  auto back = from_json(json::parse(json::serialize(doc)));
  ASSERT_TRUE(back.ok()) << back.status().error_code();
  EXPECT_EQ(*back, d);
}

TEST(BodyExport, AnotherFormatOrVersionIsRefusedAsSuch) {
  json::value doc = document(sample());
  doc.as_object()["schema_version"] = 2;
  EXPECT_EQ(from_json(doc).status().error_code(), "body_export_version");
  doc.as_object()["schema_version"] = 1;
  doc.as_object()["format"] = "something-else";
  EXPECT_EQ(from_json(doc).status().error_code(), "body_export_version");
  EXPECT_EQ(from_json(json::value("text")).status().error_code(), "body_export_invalid");
}

// Each change puts one field out of the schema; the error names where.
TEST(BodyExport, AFieldOutOfTheSchemaIsNamedByItsPath) {
  struct Case {
    std::function<void(json::object&)> change;
    std::string path;
  };
  auto response = [](json::object& d) -> json::object& { return d["responses"].as_array()[0].as_object(); };
  const std::vector<Case> cases = {
      {[&](json::object& d) { response(d)["answers"].as_array()[1].as_object()["state"] = "done"; },
       "$.responses[0].answers[1].state"},
      {[&](json::object& d) { response(d)["answers"].as_array()[0].as_object()["version"] = "1"; },
       "$.responses[0].answers[0].version"},
      {[&](json::object& d) { response(d)["answers"].as_array()[0].as_object().erase("comment"); },
       "$.responses[0].answers[0].comment"},
      {[&](json::object& d) { response(d)["state"] = "finished"; }, "$.responses[0].state"},
      {[&](json::object& d) { response(d)["locked"] = 1; }, "$.responses[0].locked"},
      {[&](json::object& d) { response(d)["history"].as_array()[0].as_object()["user"] = ""; },
       "$.responses[0].history[0].user"},
      {[&](json::object& d) { response(d)["events"] = json::object{}; }, "$.responses[0].events"},
      {[&](json::object& d) { response(d)["campaign"].as_object()["fiscal_year"] = 26.5; },
       "$.responses[0].campaign.fiscal_year"},
      {[&](json::object& d) { d["body"].as_object()["code"] = "011003"; }, "$.body.code"},  // a wrong check digit
      {[&](json::object& d) { d["body"].as_object()["type"] = "metropolis"; }, "$.body.type"},
      {[&](json::object& d) { d["responses"].as_array().push_back(d["responses"].as_array()[0]); },
       "$.responses[1].campaign"},  // the same survey twice
      {[&](json::object& d) { response(d)["answers"].as_array()[1].as_object()["question_id"] = "q1"; },
       "$.responses[0].answers[1].question_id"},  // the same question twice
      {[&](json::object& d) { response(d)["categories"].as_array()[1].as_object()["category"] = 1; },
       "$.responses[0].categories[1].category"},
      {[&](json::object& d) { d["people"].as_array()[1].as_object()["name"] = "担当 一郎"; }, "$.people[1].name"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    json::value doc = document(sample());
    cases[i].change(doc.as_object());
    auto r = from_json(doc);
    ASSERT_FALSE(r.ok()) << "case " << i;
    EXPECT_EQ(r.status().error_code(), "body_export_invalid") << "case " << i;
    ASSERT_FALSE(r.status().args().empty());
    EXPECT_EQ(r.status().args()[0].second, cases[i].path) << "case " << i;
  }
}

TEST(BodyExport, APersonNotListedCountsAsTheBodysOwn) {
  const BodyData d = sample();
  EXPECT_TRUE(of_body(d, "担当 一郎"));
  EXPECT_FALSE(of_body(d, "総務省 担当"));
  EXPECT_TRUE(of_body(d, "誰か"));
  EXPECT_EQ(names_used(d), (std::vector<std::string>{"承認 花子", "担当 一郎"}));  // by code point
}

TEST(BodyExport, StoredJsonThatDoesNotParseIsAnInternalError) {
  BodyData d = sample();
  d.responses[0].answers[0].value_json = "{broken";
  EXPECT_EQ(to_json(d, "", "").status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace mamori::body_export
