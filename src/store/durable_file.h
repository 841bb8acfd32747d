#pragma once
// Files that must survive a crash once reported written (backups): flushed, then named.

#include <string>

#include "base/status.h"

namespace mamori::store {

// fsync of the file or folder at `path` (`flags`: O_RDONLY, or O_RDONLY | O_DIRECTORY).
Status sync_path(const std::string& path, int flags);

// Flushes `partial`, gives it the name `to` unless `to` exists (FailedPrecondition
// "backup_exists"; never overwritten), removes `partial` either way, and flushes the folder.
Status publish_file(const std::string& partial, const std::string& to);

}  // namespace mamori::store
