// Status and Result<T>: the project's one error vocabulary.
//
// Codes follow abseil's set and are picked by what the client should do next; api/ maps
// each to one HTTP status. A Status carries a stable machine code (e.g. "unknown_body"),
// the values its message needs (MessageArgs), and per-field errors for forms. It carries no
// text: the Japanese and English messages are looked up by code in one table
// (base/messages.cpp) where the error leaves the server, so no layer below the edge writes
// user-facing text.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mamori {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // 400: the request is malformed; fix it and retry
  kUnauthenticated,     // 401: sign in first
  kPermissionDenied,    // 403: you may see it but not do this
  kNotFound,            // 404: no such thing (or you may not know it exists)
  kAlreadyExists,       // 409: it exists already
  kAborted,             // 409: concurrent change; reload and retry
  kMethodNotAllowed,    // 405: the path exists with other methods
  kPayloadTooLarge,     // 413
  kResourceExhausted,   // 429: too many attempts; wait
  kFailedPrecondition,  // 422: the state does not allow this now
  kUnavailable,         // 503: try again later
  kInternal,            // 500: a bug or a broken environment
};

// The named values a message is filled with: {{"code", "011002"}} fills "{code}".
using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// One form field's error: a message key (base/messages.cpp) and its values.
struct FieldError {
  std::string message;
  MessageArgs args;
};

struct Message;  // base/messages.h

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }

  // `code` is what clients see and the key of the message; `args` fill its placeholders.
  static Status Error(StatusCode c, std::string code, MessageArgs args = {}) {
    Status s;
    s.code_ = c;
    s.error_code_ = std::move(code);
    s.args_ = std::move(args);
    return s;
  }
  static Status InvalidArgument(std::string code, MessageArgs args = {}) {
    return Error(StatusCode::kInvalidArgument, std::move(code), std::move(args));
  }
  static Status Unauthenticated(std::string code = "unauthenticated", MessageArgs args = {}) {
    return Error(StatusCode::kUnauthenticated, std::move(code), std::move(args));
  }
  static Status PermissionDenied(std::string code = "forbidden", MessageArgs args = {}) {
    return Error(StatusCode::kPermissionDenied, std::move(code), std::move(args));
  }
  static Status NotFound(std::string code = "not_found", MessageArgs args = {}) {
    return Error(StatusCode::kNotFound, std::move(code), std::move(args));
  }
  static Status AlreadyExists(std::string code, MessageArgs args = {}) {
    return Error(StatusCode::kAlreadyExists, std::move(code), std::move(args));
  }
  static Status Aborted(std::string code, MessageArgs args = {}) {
    return Error(StatusCode::kAborted, std::move(code), std::move(args));
  }
  static Status FailedPrecondition(std::string code, MessageArgs args = {}) {
    return Error(StatusCode::kFailedPrecondition, std::move(code), std::move(args));
  }
  static Status ResourceExhausted(std::string code, MessageArgs args = {}) {
    return Error(StatusCode::kResourceExhausted, std::move(code), std::move(args));
  }
  static Status Unavailable(std::string code, MessageArgs args = {}) {
    return Error(StatusCode::kUnavailable, std::move(code), std::move(args));
  }
  // A bug or a broken environment (a corrupt stored value included). `detail` is for the
  // server log and the operator (internal_detail()), never sent to clients.
  static Status Internal(std::string detail) {
    Status s = Error(StatusCode::kInternal, "internal");
    s.internal_detail_ = std::move(detail);
    return s;
  }
  // InvalidArgument "invalid_fields" naming one bad form field (chain with_field() for more).
  static Status InvalidField(const std::string& field, std::string message, MessageArgs args = {}) {
    Status s = InvalidArgument("invalid_fields");
    s.with_field(field, std::move(message), std::move(args));
    return s;
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& error_code() const { return error_code_; }
  // The key of the message: the code itself unless with_message() chose a variant.
  const std::string& message_key() const { return message_key_.empty() ? error_code_ : message_key_; }
  const MessageArgs& args() const { return args_; }
  const std::map<std::string, FieldError>& fields() const { return fields_; }
  const std::string& internal_detail() const { return internal_detail_; }

  // Adds a per-field error (message key + values); returns *this for chaining.
  Status& with_field(const std::string& field, std::string message, MessageArgs args = {}) {
    fields_[field] = FieldError{std::move(message), std::move(args)};
    return *this;
  }
  // Adds what the operator needs to know (internal_detail()); the client still sees only the
  // code's message.
  Status& with_detail(std::string detail) {
    internal_detail_ = std::move(detail);
    return *this;
  }
  // Uses the message `key` instead of the code's own (e.g. "stale_version.self").
  Status& with_message(std::string key) {
    message_key_ = std::move(key);
    return *this;
  }

  // The rendered messages (base/messages.cpp), for logs, the CLI and tests.
  std::string message_ja() const;
  std::string message_en() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string error_code_;
  std::string message_key_;
  MessageArgs args_;
  std::map<std::string, FieldError> fields_;
  std::string internal_detail_;
};

// Result<T>: a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  Status&& take_status() && { return std::get<Status>(std::move(v_)); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::get<T>(std::move(v_)); }

 private:
  std::variant<T, Status> v_;
};

namespace status_internal {
inline Status to_status(Status s) { return s; }
template <typename T>
Status to_status(Result<T>&& r) {
  return std::move(r).take_status();
}
template <typename T>
Status to_status(const Result<T>& r) {
  return r.status();
}
}  // namespace status_internal

}  // namespace mamori

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define MAMORI_RETURN_IF_ERROR(expr) \
  do {                               \
    ::mamori::Status _st = (expr);   \
    if (!_st.ok()) return _st;       \
  } while (0)

#define MAMORI_CONCAT_INNER(a, b) a##b
#define MAMORI_CONCAT(a, b) MAMORI_CONCAT_INNER(a, b)
// `MAMORI_ASSIGN_OR_RETURN(auto x, f());` declares x as the value of the Result f()
// returns, or returns its Status from the enclosing function.
#define MAMORI_ASSIGN_OR_RETURN(lhs, expr) \
  MAMORI_ASSIGN_OR_RETURN_IMPL(MAMORI_CONCAT(_result_, __LINE__), lhs, expr)
#define MAMORI_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)                                           \
  auto tmp = (expr);                                                                           \
  if (!tmp.ok()) return ::mamori::status_internal::to_status(std::move(tmp));                  \
  lhs = std::move(tmp).value()
