// Status and Result<T>: the project's one error vocabulary.
//
// Codes follow abseil's set and are picked by what the client should do next;
// each maps to one HTTP status (see http_status()). A Status carries a stable
// machine code (e.g. "stale_version"), a message in Japanese and English, and
// optional per-field messages for form errors.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

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

struct FieldError {
  std::string message_ja;
  std::string message_en;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }

  static Status InvalidArgument(std::string code, std::string ja, std::string en) {
    return {StatusCode::kInvalidArgument, std::move(code), std::move(ja), std::move(en)};
  }
  // InvalidArgument "invalid_fields" naming one bad form field (chain
  // with_field() for more).
  static Status InvalidField(const std::string& field, std::string ja, std::string en) {
    Status s{StatusCode::kInvalidArgument, "invalid_fields", "入力内容に誤りがあります。各項目のメッセージを確認してください。",
             "Some fields are invalid; see each field's message."};
    s.with_field(field, std::move(ja), std::move(en));
    return s;
  }
  static Status Unauthenticated(std::string ja = "サインインしてください。", std::string en = "Please sign in.") {
    return {StatusCode::kUnauthenticated, "unauthenticated", std::move(ja), std::move(en)};
  }
  static Status PermissionDenied(std::string ja = "この操作を行う権限がありません。",
                                 std::string en = "You are not allowed to do this.") {
    return {StatusCode::kPermissionDenied, "forbidden", std::move(ja), std::move(en)};
  }
  static Status NotFound(std::string ja = "指定されたものは見つかりません。", std::string en = "Not found.") {
    return {StatusCode::kNotFound, "not_found", std::move(ja), std::move(en)};
  }
  static Status AlreadyExists(std::string code, std::string ja, std::string en) {
    return {StatusCode::kAlreadyExists, std::move(code), std::move(ja), std::move(en)};
  }
  static Status Aborted(std::string code, std::string ja, std::string en) {
    return {StatusCode::kAborted, std::move(code), std::move(ja), std::move(en)};
  }
  static Status FailedPrecondition(std::string code, std::string ja, std::string en) {
    return {StatusCode::kFailedPrecondition, std::move(code), std::move(ja), std::move(en)};
  }
  // A bug or a broken environment. `detail` is for the server log and the
  // operator (internal_detail()), never sent to clients.
  static Status Internal(std::string detail) {
    Status s{StatusCode::kInternal, "internal", "内部エラーが発生しました。時間をおいても直らない場合は管理者に連絡してください。",
             "Internal error. If it persists, contact the administrator."};
    s.internal_detail_ = std::move(detail);
    return s;
  }
  static Status Make(StatusCode c, std::string code, std::string ja, std::string en) {
    return {c, std::move(code), std::move(ja), std::move(en)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& error_code() const { return error_code_; }
  const std::string& message_ja() const { return message_ja_; }
  const std::string& message_en() const { return message_en_; }
  const std::map<std::string, FieldError>& fields() const { return fields_; }

  // Adds a per-field message (for form errors); returns *this for chaining.
  Status& with_field(const std::string& field, std::string ja, std::string en) {
    fields_[field] = FieldError{std::move(ja), std::move(en)};
    return *this;
  }
  // An extra JSON document (already serialised) returned with the error, e.g. the
  // current value on a stale-version conflict.
  Status& with_detail(std::string json) {
    detail_json_ = std::move(json);
    return *this;
  }
  const std::string& detail_json() const { return detail_json_; }
  const std::string& internal_detail() const { return internal_detail_; }

  int http_status() const;

 private:
  Status(StatusCode c, std::string code, std::string ja, std::string en)
      : code_(c), error_code_(std::move(code)), message_ja_(std::move(ja)), message_en_(std::move(en)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string error_code_;
  std::string message_ja_;
  std::string message_en_;
  std::map<std::string, FieldError> fields_;
  std::string detail_json_;
  std::string internal_detail_;
};

inline int Status::http_status() const {
  switch (code_) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kMethodNotAllowed:
      return 405;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kPayloadTooLarge:
      return 413;
    case StatusCode::kFailedPrecondition:
      return 422;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

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
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace mamori

// Returns early from the enclosing function when a Status is not ok.
#define MAMORI_RETURN_IF_ERROR(expr) \
  do {                               \
    ::mamori::Status _st = (expr);   \
    if (!_st.ok()) return _st;       \
  } while (0)
