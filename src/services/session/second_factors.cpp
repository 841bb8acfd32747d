#include "services/session/second_factors.h"

#include "crypto/password.h"
#include "crypto/totp.h"

namespace mamori {

namespace {

int64_t unix_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// "xxxx-xxxx-xxxx-xxxx" from 8 random bytes (64 bits).
std::string new_recovery_code() {
  const std::string hex = auth::random_token(8);
  return hex.substr(0, 4) + "-" + hex.substr(4, 4) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4);
}

}  // namespace

std::string normalise_recovery_code(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool is_totp_code(const std::string& code) {
  int digits = 0;
  for (char c : code) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != ' ')
      return false;
  }
  return digits == 6;
}

Result<Enrolment> SecondFactors::begin(const User& user) {
  Enrolment e{auth::new_totp_secret(), ""};
  e.uri = auth::otpauth_uri(issuer_, user.login, e.secret);
  MAMORI_RETURN_IF_ERROR(users_.begin_enrolment(user.id, key_.seal(e.secret)));
  return e;
}

Result<std::string> SecondFactors::pending_or_confirmed_secret(int64_t user_id, bool confirmed) {
  MAMORI_ASSIGN_OR_RETURN(ports::StoredSecondFactor f, users_.second_factor(user_id));
  if (!f.sealed_secret || f.enabled != confirmed)
    return confirmed ? Status::Unauthenticated("code_wrong") : Status::FailedPrecondition("second_factor_not_started");
  return key_.open(*f.sealed_secret);
}

Result<std::vector<std::string>> SecondFactors::confirm(const User& user, const std::string& code) {
  MAMORI_ASSIGN_OR_RETURN(std::string secret, pending_or_confirmed_secret(user.id, false));
  auto step = auth::totp_matching_step(secret, code, unix_seconds(clock_.now()));
  if (!step.ok()) return Status::Unauthenticated("code_wrong");
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < 10; ++i) {
    codes.push_back(new_recovery_code());
    hashes.push_back(auth::sha256_hex(normalise_recovery_code(codes.back())));
  }
  MAMORI_RETURN_IF_ERROR(users_.confirm_enrolment(user.id, *step, hashes));
  return codes;
}

Status SecondFactors::verify(const User& user, const std::string& code) {
  if (!is_totp_code(code)) {
    const std::string normal = normalise_recovery_code(code);
    if (normal.empty() || normal.size() > 64) return Status::Unauthenticated("code_wrong");
    Status used = users_.use_recovery_code(user.id, auth::sha256_hex(normal));
    if (used.code() == StatusCode::kNotFound) return Status::Unauthenticated("code_wrong");
    return used;
  }
  MAMORI_ASSIGN_OR_RETURN(std::string secret, pending_or_confirmed_secret(user.id, true));
  auto step = auth::totp_matching_step(secret, code, unix_seconds(clock_.now()));
  if (!step.ok()) return Status::Unauthenticated("code_wrong");
  return users_.use_code_step(user.id, *step);
}

Result<std::string> SecondFactors::secret_of(int64_t user_id) {
  MAMORI_ASSIGN_OR_RETURN(ports::StoredSecondFactor f, users_.second_factor(user_id));
  if (!f.sealed_secret) return Status::NotFound("second_factor_not_started");
  return key_.open(*f.sealed_secret);
}

Status SecondFactors::enrol_with(const User& user, const std::string& secret) {
  MAMORI_RETURN_IF_ERROR(users_.begin_enrolment(user.id, key_.seal(secret)));
  return users_.confirm_enrolment(user.id, 0, {});
}

}  // namespace mamori
