#pragma once
// libcurl's global state, set up once before the first handle of any client (SMTP, the
// publication check). Thread-safe.

namespace mamori::io {

void init_curl_once();

}  // namespace mamori::io
