#include "domain/task_status.h"

namespace mamori {

void CategoryProgress::add(const AnswerFacts& a) {
  if (!a.visible) return;
  ++questions;
  const bool carried = a.state == "carried_over";
  if (a.has_value && !carried) ++answered;
  if (carried) ++carried_over_unconfirmed;
  if (a.needs_confirmation) ++needs_confirmation;
  if (a.version > 0) ++touched;
}

std::string_view task_status(bool ready, const std::string& return_comment, const CategoryProgress& p) {
  if (ready) return "complete";
  if (!return_comment.empty()) return "returned";
  return p.touched == 0 ? "not_started" : "in_progress";
}

}  // namespace mamori
