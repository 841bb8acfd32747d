#include "base/no_wait.h"

namespace mamori {

namespace {
thread_local bool t_no_wait = false;
}  // namespace

NoWaitScope::NoWaitScope() : outer_(t_no_wait) { t_no_wait = true; }
NoWaitScope::~NoWaitScope() { t_no_wait = outer_; }

bool no_wait() { return t_no_wait; }

Status WouldBlock() { return Status::Unavailable("would_block"); }

bool is_would_block(const Status& s) { return s.code() == StatusCode::kUnavailable && s.error_code() == "would_block"; }

}  // namespace mamori
