#include "io/zip_writer.h"

#include <minizip/zip.h>

#include <ctime>

#include "base/private_file.h"

namespace mamori::io {

namespace {
constexpr unsigned long kUtf8Names = 1u << 11;
constexpr unsigned long kVersionMadeBy = 0;  // minizip's default (MS-DOS attributes)
}  // namespace

Result<std::unique_ptr<ZipWriter>> ZipWriter::Create(const std::string& path) {
  // Readable by the server's user only (the reports hold bodies' answers): a new file with
  // mode 0600 before minizip opens it (it keeps the mode when truncating).
  MAMORI_RETURN_IF_ERROR(reserve_private_file(path));
  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (!z) return Status::Internal("cannot create zip " + path);
  return std::unique_ptr<ZipWriter>(new ZipWriter(z));
}

ZipWriter::~ZipWriter() {
  if (zip_) zipClose(static_cast<zipFile>(zip_), nullptr);
}

Status ZipWriter::add(const std::string& name, std::string_view bytes) {
  if (!zip_) return Status::Internal("zip already finished");
  zip_fileinfo info{};
  std::time_t now = std::time(nullptr);
  std::tm t{};
  localtime_r(&now, &t);
  info.tmz_date = {static_cast<uInt>(t.tm_sec), static_cast<uInt>(t.tm_min), static_cast<uInt>(t.tm_hour),
                   static_cast<uInt>(t.tm_mday), static_cast<uInt>(t.tm_mon), static_cast<uInt>(t.tm_year + 1900)};
  auto* z = static_cast<zipFile>(zip_);
  if (zipOpenNewFileInZip4_64(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, 0 /* stored */, 0, 0, -MAX_WBITS,
                              DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, nullptr, 0, kVersionMadeBy, kUtf8Names,
                              bytes.size() >= 0xffffffffu) != ZIP_OK)
    return Status::Internal("cannot add " + name + " to zip");
  int rc = zipWriteInFileInZip(z, bytes.data(), static_cast<unsigned>(bytes.size()));
  int close_rc = zipCloseFileInZip(z);
  if (rc != ZIP_OK || close_rc != ZIP_OK) return Status::Internal("cannot write " + name + " to zip");
  return Status::Ok();
}

Status ZipWriter::finish() {
  if (!zip_) return Status::Internal("zip already finished");
  int rc = zipClose(static_cast<zipFile>(zip_), nullptr);
  zip_ = nullptr;
  return rc == ZIP_OK ? Status::Ok() : Status::Internal("cannot close zip");
}

}  // namespace mamori::io
