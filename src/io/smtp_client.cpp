#include "io/smtp_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>

#include "io/curl_global.h"

namespace mamori::io {

namespace {

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], kAlphabet[n & 63]};
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
  }
  return out;
}

// A header or address must not carry a line break (header injection).
bool one_line(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

// Unavailable "smtp_failed" at protocol `step` ("EHLO", "connect", …); `detail` is the
// relay's reply or the system's error text.
Status failed(const std::string& step, const std::string& detail) {
  return Status::Unavailable("smtp_failed", {{"step", step}, {"detail", detail}});
}

std::string rfc5322_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

namespace {

// RFC 2047: encoded words of at most 75 characters (here 64: 39 bytes of UTF-8, so that
// "Subject: " and the first word fit in 78), cut
// on character boundaries, folded onto continuation lines.
std::string encoded_words(const std::string& text) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = std::min(text.size(), at + 39);
    while (end < text.size() && end > at && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") + base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

// Text lines end in CRLF (RFC 2045), whatever the message was written with.
std::string crlf(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

}  // namespace

std::string format_mail(const SmtpConfig& config, const Mail& mail, const std::string& date_rfc5322,
                        const std::string& message_id) {
  std::string to;
  for (const auto& r : mail.to) to += (to.empty() ? "" : ",\r\n ") + r;
  std::string out = "From: " + config.from + "\r\nTo: " + to + "\r\nSubject: " + encoded_words(mail.subject) +
                    "\r\nDate: " + date_rfc5322 + "\r\nMessage-ID: <" + message_id +
                    ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n";
  std::string encoded = base64(crlf(mail.body));
  for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;  // base64 lines never start with ".", so no dot-stuffing is needed
}

namespace {

// What the exchange showed, gathered from libcurl's debug stream: the protocol step under way
// (the verb of the last command sent; never an AUTH argument), the relay's last reply, and the
// recipients it refused (libcurl sends one RCPT at a time and reads its reply before the next).
struct Exchange {
  std::string payload;  // the message after DATA
  size_t sent = 0;
  std::string step = "connect";
  std::string last_reply;
  std::string rcpt_pending;  // the address of the RCPT TO awaiting its reply
  std::vector<std::string> refused;
  std::string last_refusal;  // the relay's reply to the last refused RCPT
};

size_t read_payload(char* out, size_t size, size_t count, void* user) {
  auto* x = static_cast<Exchange*>(user);
  size_t n = std::min(size * count, x->payload.size() - x->sent);
  std::memcpy(out, x->payload.data() + x->sent, n);
  x->sent += n;
  return n;
}

int watch(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* x = static_cast<Exchange*>(user);
  std::string_view text(data, size);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (type == CURLINFO_HEADER_OUT) {
    for (std::string_view verb : {"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL FROM", "RCPT TO", "DATA", "QUIT"})
      if (text.substr(0, verb.size()) == verb) x->step = std::string(verb);
    if (text.substr(0, 9) == "RCPT TO:<") x->rcpt_pending = std::string(text.substr(9, text.find('>') - 9));
  } else if (type == CURLINFO_HEADER_IN && text.size() >= 3 && (text.size() == 3 || text[3] == ' ')) {
    x->last_reply = std::string(text);  // the last line of a (multi-line) reply
    if (!x->rcpt_pending.empty()) {
      if (text[0] != '2') {
        x->refused.push_back(x->rcpt_pending);
        x->last_refusal = std::string(text);
      }
      x->rcpt_pending.clear();
    }
  }
  return 0;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

std::optional<SmtpTls> parse_smtp_tls(const std::string& text) {
  if (text == "starttls") return SmtpTls::kStartTls;
  if (text == "tls") return SmtpTls::kImplicit;
  if (text == "none") return SmtpTls::kNone;
  return std::nullopt;
}

Status validate_smtp_config(const SmtpConfig& c) {
  if (!c.enabled()) return Status::Ok();
  if (c.tls == SmtpTls::kNone && !is_loopback(c.host)) return Status::InvalidArgument("smtp_config_plain_remote");
  if (c.tls == SmtpTls::kNone && !c.password.empty()) return Status::InvalidArgument("smtp_config_password_without_tls");
  if (!c.password.empty() && c.username.empty()) return Status::InvalidArgument("smtp_config_password_without_user");
  if (c.port <= 0 || c.port > 65535) return Status::InvalidArgument("smtp_config_port");
  if (!one_line(c.from) || c.from.find('@') == std::string::npos) return Status::InvalidArgument("smtp_config_from");
  return Status::Ok();
}

Result<std::vector<std::string>> send_mail(const SmtpConfig& config, const Mail& mail) {
  if (!config.enabled()) return failed("configuration", "SMTP server not configured");
  if (mail.to.empty()) return failed("recipients", "no recipients");
  if (!one_line(config.from)) return failed("sender", "bad sender address");
  for (const auto& r : mail.to)
    if (!one_line(r) || r.find('@') == std::string::npos || r.find_first_of("<>") != std::string::npos)
      return failed("recipients", "bad address " + r);
  init_curl_once();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return failed("connect", "libcurl could not start");
  curl_slist* rcpt = nullptr;
  for (const auto& r : mail.to) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_owner(rcpt, curl_slist_free_all);

  Exchange x;
  std::mt19937_64 rng(std::random_device{}());
  x.payload = format_mail(config, mail, rfc5322_now(),
                          std::to_string(std::time(nullptr)) + "." + std::to_string(rng()) + "@mamori");
  const std::string host = config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host;
  // The path names the EHLO domain.
  const std::string url = std::string(config.tls == SmtpTls::kImplicit ? "smtps://" : "smtp://") + host + ":" +
                          std::to_string(config.port) + "/mamori";
  const std::string from = "<" + config.from + ">";
  char error[CURL_ERROR_SIZE] = "";
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_USE_SSL, config.tls == SmtpTls::kNone ? CURLUSESSL_NONE : CURLUSESSL_ALL);
  if (!config.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config.ca_file.c_str());
  if (!config.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1L);  // send to the accepted ones
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_payload);
  curl_easy_setopt(h, CURLOPT_READDATA, &x);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // feeds the debug function only
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, watch);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &x);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: any thread may send
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(config.timeout_seconds));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(config.timeout_seconds));
  CURLcode rc = curl_easy_perform(h);
  if (x.refused.size() == mail.to.size()) return failed("RCPT TO", x.last_refusal);
  if (rc != CURLE_OK) {
    std::string detail = error[0] ? error : curl_easy_strerror(rc);
    if (rc != CURLE_OPERATION_TIMEDOUT && !x.last_reply.empty() && x.last_reply[0] != '2' && x.last_reply[0] != '3')
      detail += " (" + x.last_reply + ")";
    return failed(x.step, detail);
  }
  return x.refused;
}

}  // namespace mamori::io
