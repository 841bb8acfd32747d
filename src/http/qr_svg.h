// A QR code as an SVG image (libqrencode), for enrolling a second factor: the server draws
// it, so the secret never goes to an outside service.
#pragma once

#include <string>

#include "base/status.h"

namespace mamori::http {

// `text` (at most a few hundred bytes) as a QR code of error correction level M: a square SVG
// of black modules on white with a quiet zone of 4 modules, `title` as its accessible name.
// Internal when libqrencode fails.
Result<std::string> qr_svg(const std::string& text, const std::string& title);

}  // namespace mamori::http
