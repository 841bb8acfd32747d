// An open-loop load generator for the autosave route (as wrk2 measures): requests are
// scheduled at a fixed rate on the wall clock, whatever the server does, and each latency
// counts from the request's scheduled time — so time spent waiting for a free connection
// (queueing) is in the figure, not hidden by a client that slows down with the server.
//
//   bench_open_loop HOST PORT RATE SECONDS CONNECTIONS SESSIONS_FILE
//
// SESSIONS_FILE has one line per signed-in respondent:
//   <cookie> <csrf> <response id> <question id>,<question id>,…
// Connection i uses session i % n. Each request saves a yes/no answer with the version the
// last reply gave, alternating the value; a question is not sent again while its save is in
// flight. Prints the rate offered and achieved, latency percentiles and non-2xx replies.
// A connection the server closes while idle (its keep-alive limit) is opened again.
// Runs on one thread (epoll, sleeping to the microsecond between events, never spinning);
// stops after SECONDS plus at most 5 s for replies in flight.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Session {
  std::string cookie, csrf;
  long long rid = 0;
  std::vector<std::string> qids;
  std::map<std::string, long long> versions;
  std::map<std::string, bool> in_flight, flip;
  size_t next = 0;
};

struct Conn {
  int fd = -1;
  Session* session = nullptr;
  bool busy = false;
  Clock::time_point scheduled;
  std::string qid;
  std::string out;
  size_t sent = 0;
  std::string in;
};

long long parse_int_after(const std::string& s, const std::string& key) {
  size_t p = s.find(key);
  if (p == std::string::npos) return -1;
  return std::atoll(s.c_str() + p + key.size());
}

int connect_to(const std::string& host, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, host.c_str(), &a.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    std::perror("connect");
    std::exit(1);
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: %s HOST PORT RATE SECONDS CONNECTIONS SESSIONS_FILE\n", argv[0]);
    return 2;
  }
  const std::string host = argv[1];
  const int port = std::atoi(argv[2]);
  const double rate = std::atof(argv[3]);
  const double seconds = std::atof(argv[4]);
  const int nconn = std::atoi(argv[5]);
  std::vector<Session> sessions;
  {
    std::ifstream in(argv[6]);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      Session s;
      std::string qids;
      ls >> s.cookie >> s.csrf >> s.rid >> qids;
      std::stringstream qs(qids);
      std::string q;
      while (std::getline(qs, q, ',')) {
        s.qids.push_back(q);
        s.versions[q] = 0;
      }
      if (!s.qids.empty()) sessions.push_back(std::move(s));
    }
  }
  if (sessions.empty()) {
    std::fprintf(stderr, "no sessions in %s\n", argv[6]);
    return 2;
  }
  int ep = epoll_create1(0);
  std::vector<Conn> conns(static_cast<size_t>(nconn));
  for (int i = 0; i < nconn; ++i) {
    Conn& c = conns[static_cast<size_t>(i)];
    c.fd = connect_to(host, port);
    c.session = &sessions[static_cast<size_t>(i) % sessions.size()];
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<uint32_t>(i);
    epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
  }

  const auto start = Clock::now();
  const auto stop_sending = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  const auto give_up = stop_sending + std::chrono::seconds(5);
  const auto interval = std::chrono::duration<double>(1.0 / rate);
  long long scheduled_count = 0;          // requests whose time has come
  std::deque<Clock::time_point> waiting;  // scheduled, not yet sent (no free connection)
  std::vector<double> latencies_ms;
  latencies_ms.reserve(static_cast<size_t>(rate * seconds) + 16);
  long long non2xx = 0, completed = 0;
  Clock::time_point last_done = start;
  std::map<int, long long> statuses;
  std::vector<size_t> idle;
  for (size_t i = 0; i < conns.size(); ++i) idle.push_back(i);

  auto send_on = [&](Conn& c, Clock::time_point when) -> bool {
    Session& s = *c.session;
    size_t tries = 0;
    while (s.in_flight[s.qids[s.next]] && tries < s.qids.size()) {
      s.next = (s.next + 1) % s.qids.size();
      ++tries;
    }
    if (tries == s.qids.size()) return false;  // every question of this session in flight
    const std::string& q = s.qids[s.next];
    s.next = (s.next + 1) % s.qids.size();
    s.in_flight[q] = true;
    s.flip[q] = !s.flip[q];
    std::string body =
        "{\"version\":" + std::to_string(s.versions[q]) + ",\"value\":\"" + (s.flip[q] ? "yes" : "no") + "\"}";
    c.out = "PUT /api/responses/" + std::to_string(s.rid) + "/answers/" + q +
            " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCookie: mamori_session=" + s.cookie +
            "\r\nX-CSRF-Token: " + s.csrf + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    c.sent = 0;
    c.busy = true;
    c.qid = q;
    c.scheduled = when;
    c.in.clear();
    ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
    if (n > 0) c.sent = static_cast<size_t>(n);
    if (c.sent < c.out.size()) {
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLOUT;
      ev.data.u32 = static_cast<uint32_t>(&c - conns.data());
      epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
    }
    return true;
  };

  std::vector<epoll_event> events(static_cast<size_t>(nconn));
  char buf[65536];
  while (true) {
    const auto now = Clock::now();
    if (now >= give_up) break;
    // Requests whose scheduled time has come join the queue.
    if (now < stop_sending) {
      const long long due = static_cast<long long>(std::chrono::duration<double>(now - start) / interval) + 1;
      for (; scheduled_count < due; ++scheduled_count)
        waiting.push_back(start +
                          std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(scheduled_count)));
    } else if (waiting.empty() && idle.size() == conns.size()) {
      break;
    }
    // Every free connection takes the oldest waiting request.
    for (size_t k = 0; k < idle.size() && !waiting.empty();) {
      Conn& c = conns[idle[k]];
      if (send_on(c, waiting.front())) {
        waiting.pop_front();
        idle[k] = idle.back();
        idle.pop_back();
      } else {
        ++k;
      }
    }
    // Sleep until a reply arrives or the next request is due, to the microsecond: a timeout
    // in whole milliseconds (epoll_wait) would be 0 at rates above 1,000/s, and the loop
    // would spin and take a core from the server it measures.
    const auto next_due =
        start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(scheduled_count));
    const long long wait_ns = std::clamp<long long>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(next_due - Clock::now()).count(), 0, 10'000'000);
    const timespec timeout{0, static_cast<long>(wait_ns)};
    int n = epoll_pwait2(ep, events.data(), static_cast<int>(events.size()), &timeout, nullptr);
    for (int e = 0; e < n; ++e) {
      Conn& c = conns[events[static_cast<size_t>(e)].data.u32];
      if (events[static_cast<size_t>(e)].events & EPOLLOUT) {
        ssize_t w = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
        if (w > 0) c.sent += static_cast<size_t>(w);
        if (c.sent >= c.out.size()) {
          epoll_event ev{};
          ev.events = EPOLLIN;
          ev.data.u32 = static_cast<uint32_t>(&c - conns.data());
          epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        }
      }
      if (!(events[static_cast<size_t>(e)].events & EPOLLIN)) continue;
      ssize_t r;
      while ((r = ::recv(c.fd, buf, sizeof buf, 0)) > 0) c.in.append(buf, static_cast<size_t>(r));
      if (r == 0) {
        // A kept-alive connection left idle past the server's idle limit is closed by it
        // (as browsers expect): open a new one. One closed mid-request is an error.
        if (c.busy) {
          std::fprintf(stderr, "the server closed a connection during a request\n");
          return 1;
        }
        epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = connect_to(host, port);
        c.in.clear();
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = static_cast<uint32_t>(&c - conns.data());
        epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
        continue;
      }
      size_t head = c.in.find("\r\n\r\n");
      if (head == std::string::npos) continue;
      long long len = parse_int_after(c.in.substr(0, head), "Content-Length: ");
      if (len < 0) len = parse_int_after(c.in.substr(0, head), "content-length: ");
      if (len < 0 || c.in.size() < head + 4 + static_cast<size_t>(len)) continue;
      const int status = std::atoi(c.in.c_str() + 9);
      const std::string body = c.in.substr(head + 4, static_cast<size_t>(len));
      const auto done = Clock::now();
      last_done = done;
      latencies_ms.push_back(std::chrono::duration<double, std::milli>(done - c.scheduled).count());
      ++completed;
      ++statuses[status];
      if (status < 200 || status >= 300) ++non2xx;
      Session& s = *c.session;
      long long v = parse_int_after(body, "\"version\":");
      if (status == 200 && v >= 0) s.versions[c.qid] = v;
      s.in_flight[c.qid] = false;
      c.busy = false;
      c.in.clear();
      idle.push_back(static_cast<size_t>(&c - conns.data()));
    }
  }
  const double elapsed = std::chrono::duration<double>(last_done - start).count();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto pct = [&](double p) {
    if (latencies_ms.empty()) return 0.0;
    size_t i =
        std::min(latencies_ms.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(latencies_ms.size())));
    return latencies_ms[i];
  };
  const long long unsent = static_cast<long long>(waiting.size());
  std::printf(
      "offered %.0f/s for %.0f s (%lld scheduled), achieved %.0f/s (%lld completed, %lld never sent), "
      "latency from the scheduled time: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms  "
      "non-2xx %lld\n",
      rate, seconds, scheduled_count, elapsed > 0 ? static_cast<double>(completed) / elapsed : 0.0, completed, unsent,
      pct(50), pct(90), pct(99), pct(99.9), latencies_ms.empty() ? 0.0 : latencies_ms.back(), non2xx);
  for (const auto& [st, count] : statuses)
    if (st != 200) std::printf("  status %d: %lld\n", st, count);
  for (auto& c : conns) close(c.fd);
  return 0;
}
