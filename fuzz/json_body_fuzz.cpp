// libFuzzer target: a request body as the API reads it — strict JSON (http/json_body.h), the
// fields of an answer save read by FieldReader, and the value validated against every
// question of the FY2026 catalogue (domain/answer.h). Oracles beside "no crash, no
// sanitizer report": a value that validates keeps validating in its canonical form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/answer.h"
#include "http/json_body.h"
#include "io/catalog_loader.h"

namespace {

const mamori::Catalog& catalogue() {
  static const mamori::Catalog cat = [] {
    auto c = mamori::io::load_catalog_dir(std::string(MAMORI_SOURCE_DIR) + "/catalog/fy2026");
    if (!c.ok()) std::abort();
    return std::move(*c);
  }();
  return cat;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace json = boost::json;
  const mamori::Catalog& cat = catalogue();
  auto body = mamori::http::parse_object(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!body.ok()) return 0;
  mamori::http::FieldReader f(*body, {"version", "value", "not_applicable", "na_reason", "comment", "evidence_url"});
  (void)f.integer("version", true);
  (void)f.boolean("not_applicable", false);
  (void)f.string("na_reason", false, 500);
  (void)f.string("comment", false, 2000);
  (void)f.string("evidence_url", false, 2000);
  const json::value* value = f.raw("value");
  (void)f.status();
  if (!value) return 0;
  for (const auto& q : cat.questions) {
    if (!mamori::validate_value(q, *value).ok()) continue;
    const json::value canonical = mamori::canonical_value(q, *value);
    if (!mamori::validate_value(q, canonical).ok()) std::abort();  // the stored form is valid too
    (void)mamori::is_implemented(q, canonical);
  }
  return 0;
}
