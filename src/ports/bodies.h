#pragma once
// Bodies (団体): the master of local public bodies and their attributes.

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/body.h"

namespace mamori::ports {

struct BodyFilter {
  std::string prefecture_code;  // "" = any
  std::string type;             // "" = any
  std::string search;           // substring of name or kana ("" = any)
  int limit = 5000;
  int offset = 0;
};

// Thread-safe. A write that returns an error has changed nothing.
class BodyRepository {
 public:
  virtual ~BodyRepository() = default;
  // Inserts or updates every body in one write, members included, and records a
  // "body_changed" event for each (its groups in the figures may have moved).
  virtual Status upsert_bodies(const std::vector<Body>& bodies) = 0;
  // NotFound "body_not_found".
  virtual Result<Body> get_body(const std::string& code) = 0;
  // In code order; without members.
  virtual Result<std::vector<Body>> list_bodies(const BodyFilter& f) = 0;
  virtual Result<int64_t> count_bodies() = 0;
};

}  // namespace mamori::ports
