#pragma once
// A ZIP archive written entry by entry to a file (minizip), so that a batch of generated
// files never sits in memory at once. Entry names are UTF-8 and flagged as such (general
// purpose bit 11), so 「札幌市」 shows as such in Windows' and macOS's archive tools.

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mamori::io {

class ZipWriter {
 public:
  // Creates `path` as a new file (never an existing one), readable by this user only (0600). Errors: Internal when
  // the file cannot be created.
  static Result<std::unique_ptr<ZipWriter>> Create(const std::string& path);
  ~ZipWriter();  // closes the archive if finish() was not called (the file is then incomplete)

  // Adds one entry, stored without recompression (PDFs are compressed already).
  Status add(const std::string& name, std::string_view bytes);
  // Writes the central directory and closes the file.
  Status finish();

 private:
  explicit ZipWriter(void* zip) : zip_(zip) {}
  void* zip_;
};

}  // namespace mamori::io
