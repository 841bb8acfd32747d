#pragma once
// Files only the server's user may read (exports, reports, the database hold bodies' answers).
//
// The process also sets umask(077) at start (cli/main.cpp), so anything a library creates is
// private too; these functions do not rely on it.

#include <string>

#include "base/status.h"

namespace mamori {

// Creates `path` as a new, empty regular file with mode 0600 (O_CREAT|O_EXCL|O_NOFOLLOW: never
// an existing file or a planted symbolic link) and returns its open descriptor (O_WRONLY,
// close-on-exec), owned by the caller. Internal when it exists or cannot be created.
Result<int> create_private_file(const std::string& path);

// The same, closing the file at once: for a library that opens the path itself and keeps the
// mode when it truncates (libxlsxwriter, minizip).
Status reserve_private_file(const std::string& path);

// Sets the mode of an existing file to 0600 when it is wider (the database made before this
// rule, its -wal and -shm files). Missing files are not an error.
Status make_private(const std::string& path);

}  // namespace mamori
