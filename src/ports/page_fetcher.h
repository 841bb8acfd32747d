#pragma once
// Fetching a page someone gave the address of (io/url_fetcher.h): the publication check's
// window on the web, guarded as a server that fetches user-given URLs must be.

#include <string>

#include "domain/publication_check.h"

namespace mamori::ports {

// Thread-safe.
class PageFetcher {
 public:
  virtual ~PageFetcher() = default;
  // GETs `url`; never fails as a call: a failure is a Fetch of kind kUnreachable or kRefused.
  virtual publication::Fetch fetch(const std::string& url) = 0;
};

}  // namespace mamori::ports
