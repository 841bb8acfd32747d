// How many statements one autosave runs on the real SQLite store, counted by a Database
// wrapper: what the request pipeline and the service read (the session; the response with
// its categories, once) and what the write does (the answer read once inside it, the
// guarded touch, the update, the history row). docs/PERFORMANCE.md quotes these.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <mutex>
#include <unistd.h>

#include "crypto/password.h"
#include "domain/catalog_parser.h"
#include "services/campaigns/campaign_service.h"
#include "services/responses/response_service.h"
#include "services/session/session_service.h"
#include "store/sql_store.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_schema.h"

namespace mamori {
namespace {

// Counts the statements of reads and of writes, by "area/name".
class CountingDatabase final : public store::Database {
 public:
  explicit CountingDatabase(std::unique_ptr<store::Database> inner) : inner_(std::move(inner)) {}
  Status read(const std::function<Status(store::Connection&)>& fn) override {
    return inner_->read([&](store::Connection& c) {
      Counting counting(c, *this, "read");
      return fn(counting);
    });
  }
  Status write(const std::function<Status(store::Connection&)>& fn) override {
    return inner_->write([&](store::Connection& c) {
      Counting counting(c, *this, "write");
      return fn(counting);
    });
  }
  void write_async(std::function<Status(store::Connection&)> fn, std::function<void(Status)> done) override {
    inner_->write_async(
        [this, fn = std::move(fn)](store::Connection& c) {
          Counting counting(c, *this, "write");
          return fn(counting);
        },
        std::move(done));
  }
  std::multiset<std::string> take() {
    std::lock_guard lock(mu_);
    return std::exchange(seen_, {});
  }

 private:
  class Counting final : public store::Connection {
   public:
    Counting(store::Connection& c, CountingDatabase& d, std::string kind) : c_(c), d_(d), kind_(std::move(kind)) {}
    store::Statement& statement(std::string_view area, std::string_view name) override {
      std::lock_guard lock(d_.mu_);
      d_.seen_.insert(kind_ + " " + std::string(area) + "/" + std::string(name));
      return c_.statement(area, name);
    }

   private:
    store::Connection& c_;
    CountingDatabase& d_;
    std::string kind_;
  };
  std::unique_ptr<store::Database> inner_;
  std::mutex mu_;
  std::multiset<std::string> seen_;
};

TEST(AutosaveReads, OneSaveReadsTheSessionTheResponseWithItsCategoriesAndTheAnswerOnce) {
  ASSERT_TRUE(auth::init_crypto().ok());
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("mamori-reads-" + std::to_string(::getpid()))).string();
  std::filesystem::create_directories(dir);
  auto sqlite = store::sqlite::SqliteDatabase::Open(dir + "/s.db", 2);
  ASSERT_TRUE(sqlite.ok());
  auto counting = std::make_unique<CountingDatabase>(std::move(*sqlite));
  CountingDatabase& db = *counting;
  {
    store::SqlStore st(std::move(counting), system_clock(), store::sqlite::sqlite_migrations().back().version);
    CatalogSet catalogs;
    auto cat = parse_catalog({{"t/catalog.txt", "[catalog t]\nfiscal_year = 2026\ntitle.ja = t\ntitle.en = t\n\n"
                                                "[category 1]\nname.ja = 一\nname.en = One\n"},
                              {"t/c1.txt", "[question q]\ncategory = 1\nguideline = 1\ntype = yes_no\ntext.ja = 設問\n"
                                           "text.en = Q\nhelp.ja = h\nhelp.en = h\nreason.ja = r\nreason.en = r\n"}});
    ASSERT_TRUE(cat.ok()) << cat.status().message_en();
    catalogs.by_id.emplace("t", std::move(*cat));
    ASSERT_TRUE(st.bodies().upsert_bodies({{.code = "011002", .name_ja = "札幌市", .type = BodyType::kDesignatedCity,
                                            .prefecture_code = "01"}}).ok());
    User u{.login = "r", .display_name = "r", .body_code = "011002", .roles = {Role::kBodyRespondent}};
    u.id = *st.users().create_user(u, *auth::hash_password("password-for-tests", auth::HashCost::kMinimum));
    CampaignService campaigns(st.campaigns(), st.bodies(), st.responses(), catalogs);
    auto cid = campaigns.create({.title = "t", .fiscal_year = 2026, .catalog_id = "t", .opens_at = "2026-10-01",
                                 .closes_at = "2027-01-29", .targets = {"011002"}});
    ASSERT_TRUE(cid.ok());
    ASSERT_TRUE(campaigns.open(*cid).ok());
    ResponseService responses(st.responses(), st.campaigns(), st.bodies(), st.users(), catalogs);
    AuditTrail audit(st.audit());
    const auto key = *auth::SealingKey::from_hex(auth::SealingKey::generate_hex());
    SecondFactors factors(st.users(), system_clock(), key);
    SessionService sessions(st.users(), st.sign_in_attempts(), audit, factors, system_clock());
    auto signed_in = sessions.sign_in("r", "password-for-tests", "127.0.0.1");
    ASSERT_TRUE(signed_in.ok());
    const int64_t rid = st.responses().find_response(*cid, "011002")->id;
    auto autosave = [&](int64_t version) {
      // As the pipeline and the PUT handler do it.
      auto session = sessions.find(signed_in->token);
      ASSERT_TRUE(session.ok());
      auto ctx = responses.load(rid);
      ASSERT_TRUE(ctx.ok());
      AnswerInput in{.version = version, .value = boost::json::value(version % 2 ? "no" : "yes")};
      auto saved = responses.save_answer(session->user, *ctx, "q", in);
      ASSERT_TRUE(saved.ok());
      ASSERT_TRUE(std::holds_alternative<AnswerRecord>(*saved));
    };
    autosave(0);  // the first also reads the campaign, once, for its catalogue
    (void)db.take();
    autosave(1);
    EXPECT_EQ(db.take(), (std::multiset<std::string>{"read users/find_session", "read responses/get",
                                                     "read responses/categories", "write responses/answer_for_update",
                                                     "write responses/touch_at_revision",
                                                     "write responses/update_answer",
                                                     "write responses/insert_history"}));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mamori
