// The disk's limit: a bare loop of single-row durable SQLite commits (WAL,
// synchronous=FULL, the server's settings), for a fixed number of seconds.
//
//   ./build/bench_sqlite_commit [seconds=5] [dir=/tmp]
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "store/sqlite/sqlite_db.h"

using namespace mamori;

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
  std::string dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path().string();
  std::string path = dir + "/mamori-commit-bench.db";
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  auto db = store::sqlite::Db::Open(path);
  if (!db.ok()) return 1;
  (void)db->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT");
  store::sqlite::Stmt ins(*db, "INSERT INTO t (v) VALUES (?1)");
  auto start = std::chrono::steady_clock::now();
  auto end = start + std::chrono::duration<double>(seconds);
  long n = 0;
  while (std::chrono::steady_clock::now() < end) {
    if (!db->Exec("BEGIN IMMEDIATE").ok()) return 1;
    ins.reset();
    if (!ins.bind(1, "{\"value\":\"yes\"}").run().ok()) return 1;
    if (!db->Exec("COMMIT").ok()) return 1;
    ++n;
  }
  double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("single-row durable commits: %ld in %.2f s = %.0f commits/s\n", n, dt, static_cast<double>(n) / dt);
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  return 0;
}
