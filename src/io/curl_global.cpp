#include "io/curl_global.h"

#include <curl/curl.h>

#include <mutex>

namespace mamori::io {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace mamori::io
