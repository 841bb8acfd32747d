#include "store/sign_in_repository.h"

#include <algorithm>
#include <numeric>

#include "store/rows.h"

namespace mamori::store {

namespace {

// The positions of `keys` in key order: concurrent writers (PostgreSQL) lock rows in one
// global order, so two sign-ins never wait for each other in a cycle.
std::vector<size_t> key_order(const std::vector<std::string>& keys) {
  std::vector<size_t> order(keys.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  return order;
}

}  // namespace

Result<std::vector<ports::FailedSignIns>> SqlSignInAttempts::failures(const std::vector<std::string>& keys) {
  return read_value<std::vector<ports::FailedSignIns>>(
      db_, [&](Connection& c) -> Result<std::vector<ports::FailedSignIns>> {
        std::vector<ports::FailedSignIns> out;
        for (const auto& key : keys) {
          Statement& st = c.statement("sign_in", "get").bind(1, key);
          if (st.next())
            out.push_back({st.int64(0), st.text(1)});
          else
            out.emplace_back();
          MAMORI_RETURN_IF_ERROR(st.status());
        }
        return out;
      });
}

Result<std::vector<int64_t>> SqlSignInAttempts::record_attempts(const std::vector<std::string>& keys,
                                                                const std::string& window_start) {
  const std::string now = clock_.now_iso();
  return write_value<std::vector<int64_t>>(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    MAMORI_RETURN_IF_ERROR(c.statement("sign_in", "prune").bind(1, window_start).run().status());
    std::vector<int64_t> out(keys.size());
    for (size_t i : key_order(keys)) {
      Statement& st = c.statement("sign_in", "record").bind(1, keys[i]).bind(2, window_start).bind(3, now);
      if (!st.next()) return no_row(st, "not_found");
      out[i] = st.int64(0);
    }
    return out;
  });
}

Status SqlSignInAttempts::settle(const std::vector<std::string>& uncount, const std::vector<std::string>& forget) {
  return db_.write([&](Connection& c) -> Status {
    for (size_t i : key_order(uncount))
      MAMORI_RETURN_IF_ERROR(c.statement("sign_in", "uncount").bind(1, uncount[i]).run().status());
    for (size_t i : key_order(forget))
      MAMORI_RETURN_IF_ERROR(c.statement("sign_in", "clear").bind(1, forget[i]).run().status());
    return Status::Ok();
  });
}

Result<std::vector<ports::CountedSignIns>> SqlSignInAttempts::counted(int64_t min_failures, int limit) {
  return read_value<std::vector<ports::CountedSignIns>>(
      db_, [&](Connection& c) -> Result<std::vector<ports::CountedSignIns>> {
        Statement& st = c.statement("sign_in", "counted").bind(1, min_failures).bind(2, static_cast<int64_t>(limit));
        return collect<ports::CountedSignIns>(st, [](Statement& s) -> Result<ports::CountedSignIns> {
          return ports::CountedSignIns{s.text(0), {s.int64(1), s.text(2)}};
        });
      });
}

}  // namespace mamori::store
