// The engine's figures against the same figures computed by one SQL GROUP BY query
// (analytics/sql_aggregation.h) on the stored answers: they must agree, group by group and
// question by question, including answers that a show_if hides and answers marked 該当なし.
#include <gtest/gtest.h>

#include "store/sql_aggregation.h"
#include "store/sqlite/sqlite_db.h"
#include "test_env.h"

namespace mamori {
namespace {

analytics::FiguresByGroup sql_figures(store::sqlite::Db& db, const Catalog& cat, int64_t campaign_id) {
  analytics::FiguresByGroup out;
  store::sqlite::Stmt st(db, analytics::aggregation_sql(cat, campaign_id));
  EXPECT_TRUE(st.ok()) << st.status().internal_detail();
  while (st.step()) analytics::add_row(out, st.text(0), st.text(1), st.int64(2), st.int64(3));
  EXPECT_TRUE(st.status().ok()) << st.status().internal_detail();
  return out;
}

TEST(SqlAggregationTest, GroupByQueryAgreesWithTheEngineOnDemoHistory) {
  // The query is written in the SQL that SQLite and DuckDB share (store/sql_aggregation.h).
  if (test::TestEnv::on_postgres()) GTEST_SKIP() << "the aggregation query is SQLite's and DuckDB's dialect";
  test::TestEnv env;
  App& app = env.app();
  auto db = store::sqlite::Db::Open(env.database_path());
  ASSERT_TRUE(db.ok());
  // Make the data harder than the demo's: some bodies now say "no" to questions that other
  // answers depend on (their dependants stay stored but hidden), some answers become
  // 該当なし, and one multi-choice condition loses its key.
  ASSERT_TRUE(db->Exec("UPDATE answers SET value = '\"no\"' WHERE question_id IN ('c1-ciso-appointed', 'c7-cloud-use') "
                       "AND response_id % 7 = 0 AND value IS NOT NULL").ok());
  ASSERT_TRUE(db->Exec("UPDATE answers SET value = NULL, not_applicable = 1 WHERE question_id = 'c4-training-conducted' "
                       "AND response_id % 11 = 0").ok());
  ASSERT_TRUE(db->Exec("UPDATE answers SET value = '[]' WHERE question_id = 'c7-cloud-kind' AND response_id % 5 = 0").ok());
  ASSERT_TRUE(app.analytics().rebuild().ok());

  int compared = 0;
  for (int64_t campaign : {env.demo().previous_campaign, env.demo().current_campaign}) {
    auto c = app.store().campaigns().get_campaign(campaign);
    ASSERT_TRUE(c.ok());
    const Catalog* cat = app.catalogs().find(c->catalog_id);
    ASSERT_NE(cat, nullptr);
    auto engine = analytics::engine_figures(app.analytics().aggregates(), campaign, *cat);
    auto sql = sql_figures(*db, *cat, campaign);
    auto diff = analytics::differences(engine, sql);
    EXPECT_TRUE(diff.empty()) << c->catalog_id << ": " << diff.size() << " differences, first: " << diff.front();
    for (const auto& [g, qs] : engine) compared += static_cast<int>(qs.size());
  }
  // FY2025 is all accepted: national, 8 types, 47 prefectures, network models and bands.
  EXPECT_GT(compared, 5000);
}

TEST(SqlAggregationTest, DifferencesNameTheGroupQuestionAndBothRatios) {
  analytics::FiguresByGroup a, b;
  analytics::add_row(a, "pref:01", "c1-x", 3, 4);
  analytics::add_row(b, "pref:01", "c1-x", 2, 4);
  analytics::add_row(b, "national", "c1-y", 1, 1);
  auto d = analytics::differences(a, b);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0], "national c1-y: 0/0 vs 1/1");
  EXPECT_EQ(d[1], "pref:01 c1-x: 3/4 vs 2/4");
}

}  // namespace
}  // namespace mamori
