// The task list's words for one category, defined once (docs/ARCHITECTURE.md, "Status
// words"): how far its answers are, and its status. The browser computes the same live as
// answers are saved (web/src/lib/taskStatus.ts); both are held to tests/cases/task_status.json.
//
//   not_started 未着手   no answer of the category saved yet this year
//   in_progress 入力中   some saved, the category not yet marked complete
//   returned    差戻し   not complete, with the approver's return comment to act on
//   complete    入力完了 marked complete by the body (whatever the response's own state:
//                        確認依頼中, 提出済み … are the response's words, not the category's)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mamori {

// What the counts need to know of one answer.
struct AnswerFacts {
  bool visible = true;
  bool has_value = false;  // a value, or 該当なし
  std::string_view state;  // carried_over, confirmed, changed, new
  bool needs_confirmation = false;
  int64_t version = 0;  // 0: never saved in this campaign
};

struct CategoryProgress {
  int questions = 0;                 // visible questions
  int answered = 0;                  // visible, with a value (or 該当なし), not still carried over
  int carried_over_unconfirmed = 0;  // visible, carried over from last year, not yet confirmed
  int needs_confirmation = 0;        // visible merged questions whose old answers differ
  int touched = 0;                   // visible and saved at least once this year

  void add(const AnswerFacts& a);
};

// not_started, in_progress, returned or complete.
std::string_view task_status(bool ready, const std::string& return_comment, const CategoryProgress& p);

}  // namespace mamori
