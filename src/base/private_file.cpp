#include "base/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mamori {

Result<int> create_private_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + path + ": " + std::strerror(errno));
  // The mode is 0600 whatever the umask (it can only narrow it), but say so explicitly.
  if (::fchmod(fd, 0600) != 0) {
    const int err = errno;
    ::close(fd);
    return Status::Internal("cannot set the mode of " + path + ": " + std::strerror(err));
  }
  return fd;
}

Status reserve_private_file(const std::string& path) {
  MAMORI_ASSIGN_OR_RETURN(int fd, create_private_file(path));
  ::close(fd);
  return Status::Ok();
}

Status make_private(const std::string& path) {
  struct stat st{};
  if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT ? Status::Ok() : Status::Internal("cannot stat " + path);
  if (!S_ISREG(st.st_mode) || (st.st_mode & 077) == 0) return Status::Ok();
  if (::chmod(path.c_str(), st.st_mode & 0700) != 0)
    return Status::Internal("cannot set the mode of " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace mamori
