#include "store/sqlite/sqlite_db.h"

#include <gtest/gtest.h>

namespace mamori::store::sqlite {
namespace {

TEST(SqliteDb, AStatementThatFailsToPrepareReportsItEvenAfterAMove) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  Stmt bad(*db, "SELECT * FROM no_such_table");
  Stmt moved(std::move(bad));
  EXPECT_FALSE(moved.ok());
  Status s = moved.run();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.internal_detail().find("no_such_table"), std::string::npos);
}

TEST(SqliteDb, TxRollsBackUnlessCommitted) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->Exec("CREATE TABLE t (v INTEGER) STRICT").ok());
  {
    Tx tx(*db);
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)").ok());
  }
  {
    Tx tx(*db);
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (2)").ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  Stmt st(*db, "SELECT group_concat(v) FROM t");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "2");
}

TEST(SqliteDb, ConstraintErrorsSayWhichKind) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(
      db->Exec("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id), u TEXT UNIQUE)")
          .ok());
  Stmt ins(*db, "INSERT INTO c VALUES (?1, ?2)");
  EXPECT_EQ(ins.bind(1, 99).bind(2, "x").run().error_code(), "constraint_foreign_key");
  ASSERT_TRUE(db->Exec("INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 'y')").ok());
  EXPECT_EQ(ins.bind(1, 1).bind(2, "y").run().error_code(), "constraint_unique");
}

}  // namespace
}  // namespace mamori::store::sqlite
