#include "store/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace mamori::store {

Status sync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Status::Internal("open " + path + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::Internal("fsync " + path + ": " + std::strerror(err));
  return Status::Ok();
}

Status publish_file(const std::string& partial, const std::string& to) {
  Status synced = sync_path(partial, O_RDONLY);
  // The name is given last, and never over an existing file (link fails with EEXIST).
  if (synced.ok() && ::link(partial.c_str(), to.c_str()) != 0) {
    int err = errno;
    std::filesystem::remove(partial);
    if (err == EEXIST) return Status::FailedPrecondition("backup_exists", {{"path", to}});
    return Status::Internal("link " + to + ": " + std::strerror(err));
  }
  std::filesystem::remove(partial);
  if (!synced.ok()) return synced;
  return sync_path(std::filesystem::absolute(to).parent_path().string(), O_RDONLY | O_DIRECTORY);
}

}  // namespace mamori::store
