#include "crypto/chain_hash.h"

#include "crypto/password.h"

namespace mamori::auth {

std::string chain_hash(const std::string& prev_hash, const std::vector<std::string>& fields) {
  std::string text;
  auto add = [&](const std::string& s) {
    text += std::to_string(s.size());
    text += ':';
    text += s;
  };
  add(prev_hash);
  for (const auto& f : fields) add(f);
  return sha256_hex(text);
}

}  // namespace mamori::auth
