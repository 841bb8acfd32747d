#include "store/postgres/pg_tools.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace mamori::store::postgres {

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A temporary file for a child's output, removed with this.
struct TempFile {
  std::string path;
  int fd = -1;
  TempFile() {
    char tmpl[] = "/tmp/mamori-tool-XXXXXX";
    fd = ::mkstemp(tmpl);
    if (fd >= 0) path = tmpl;
  }
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!path.empty()) std::filesystem::remove(path);
  }
};

}  // namespace

std::string pg_tool(const std::string& name) {
  if (const char* dir = std::getenv("MAMORI_PG_BIN"); dir && *dir) return std::string(dir) + "/" + name;
  std::string debian = "/usr/lib/postgresql/15/bin/" + name;
  if (std::filesystem::exists(debian)) return debian;
  return name;
}

Result<std::string> run_tool(const std::vector<std::string>& argv, const std::string& password) {
  TempFile out, err;
  if (out.fd < 0 || err.fd < 0) return Status::Internal(std::string("mkstemp: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fd, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "PGPASSWORD=", 11) != 0) env_text.emplace_back(*e);
  if (!password.empty()) env_text.push_back("PGPASSWORD=" + password);
  std::vector<char*> env;
  for (auto& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Status::Internal("cannot run " + argv[0] + ": " + std::strerror(rc));
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
    return Status::Internal(argv[0] + " failed (" +
                            (WIFEXITED(wstatus) ? "exit " + std::to_string(WEXITSTATUS(wstatus))
                                                : "signal " + std::to_string(WTERMSIG(wstatus))) +
                            "): " + read_all(err.path));
  return read_all(out.path);
}

Result<SplitConninfo> split_password(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &error);
  if (!opts) {
    std::string why = error ? error : "";
    PQfreemem(error);
    return Status::InvalidArgument("store_location", {{"value", "postgres:…"}}).with_detail(why);
  }
  SplitConninfo out;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    if (std::strcmp(o->keyword, "password") == 0) {
      out.password = o->val;
      continue;
    }
    std::string v;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\'' || *c == '\\') v += '\\';
      v += *c;
    }
    if (!out.conninfo.empty()) out.conninfo += ' ';
    out.conninfo += std::string(o->keyword) + "='" + v + "'";
  }
  PQconninfoFree(opts);
  return out;
}

}  // namespace mamori::store::postgres
