// Serves the built front end (web/dist) with the caching and security headers
// of STACK.md: hashed /assets/* are immutable for a year, index.html is
// revalidated every time, unknown non-API paths fall back to index.html (the
// client-side router), missing assets are real 404s, and every page carries a
// strict Content-Security-Policy.
#pragma once

#include <string>

#include "http/request.h"

namespace mamori::http {

class StaticFiles {
 public:
  // `root` is the folder holding index.html and assets/.
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  // Answers a GET/HEAD for a non-API path.
  Response serve(const Request& req) const;

  static const char* content_security_policy();

 private:
  std::string root_;
};

}  // namespace mamori::http
