#pragma once
// A response in Excel, both ways (docs/WORKBOOK.md): the workbook to fill offline, and an
// uploaded workbook — the one downloaded, or a legacy answer sheet — turned into a
// preview of what it changes, then applied all together or not at all.
//
// Nothing is kept between the preview and the apply: the apply reads the file again and
// recomputes the preview, and goes on only when it is the one the person saw (its
// fingerprint) and every conflict has the person's choice. So several servers behind one
// database need no shared state, and nothing half-prepared is ever left behind.
//
// Callers have passed the access policy (body.read to download, response.edit to upload).
// Thread-safe: one instance serves every request.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "crypto/sealed.h"
#include "domain/workbook.h"
#include "ports/documents.h"
#include "services/responses/response_service.h"

namespace mamori {

// A cell (or row) the upload cannot take: where, and the message key with its args.
struct WorkbookProblem {
  std::string sheet;
  int row = 0;         // 1-based, as Excel shows it; 0 for the whole file
  std::string column;  // "F"; "" for a whole row
  std::string message;
  MessageArgs args;
};

// One answer the upload would change.
struct PlannedAnswer {
  const Question* question = nullptr;
  std::string sheet;
  int row = 0;
  AnswerRecord server;  // the answer on the server now (with its author's name)
  AnswerInput input;    // what the workbook says; input.version = server.version
  // The server's answer changed since the download and the workbook changed it too: the
  // person chooses (keep mine / keep the server's).
  bool conflict = false;
  bool normalised = false;  // the value was normalised (full-width digits, a serial date…)
};

// A row of a legacy sheet that names no question of the survey.
struct UnmatchedRow {
  std::string sheet;
  int row = 0;
  std::string key;  // the id or text it gave
};

struct WorkbookPreview {
  std::string file_name;
  bool legacy = false;
  std::string downloaded_at;       // the workbook's download time ("" for a legacy sheet)
  std::string downloaded_by_name;
  std::vector<PlannedAnswer> changes;  // conflicts included, catalogue order
  int unchanged = 0;                   // answers read that change nothing
  std::vector<WorkbookProblem> errors;  // any: nothing can be applied
  std::vector<WorkbookProblem> notes;   // normalisations and what was ignored
  std::vector<UnmatchedRow> unmatched;  // legacy: rows matching no question
  // Names this preview (the server's versions it rests on and what it would write): the
  // apply must bring it back.
  std::string fingerprint;
};

// How the person resolved each conflict: question id → keep mine (true) or the server's.
using Resolutions = std::map<std::string, bool>;

struct AppliedWorkbook {
  std::vector<AnswerRecord> written;
  int kept_server = 0;  // conflicts resolved in the server's favour
};

class WorkbookService {
 public:
  // Every argument outlives the service. `key` signs what identifies a download.
  WorkbookService(ResponseService& responses, ports::Documents& documents, const auth::SealingKey& key,
                  const Clock& clock)
      : responses_(responses), documents_(documents), key_(key), clock_(clock) {}

  // Writes the response's workbook for `user` to `path` (a new file); the file name to
  // offer. Answer cells are unlocked in the categories `user` may edit now.
  Result<std::string> download(const User& user, const ports::ResponseContext& ctx, const std::string& path);
  // The same rows as CSV (docs/WORKBOOK.md, "CSV"): UTF-8 with a BOM, or CP932, which
  // refuses (FailedPrecondition "cp932_unrepresentable", naming line, column and character)
  // a text it cannot hold. Uploads of it go to preview()/apply() like a workbook.
  Result<std::string> download_csv(const User& user, const ports::ResponseContext& ctx, const std::string& path,
                                   ports::CsvEncoding encoding);

  // What the uploaded workbook would change. Errors (the whole file refused, nothing in
  // the preview): InvalidArgument "broken_xlsx" / PayloadTooLarge "xlsx_too_large" (not
  // an xlsx, over a limit); InvalidArgument "workbook_not_ours" (no identity sheet: a
  // legacy sheet goes to legacy_preview), "workbook_tampered" (the identity or hidden
  // columns altered), "workbook_other_body", "workbook_other_survey",
  // "workbook_other_response"; the response's editable_status() (submitted, locked).
  // Problems with cells are in the preview's errors.
  Result<WorkbookPreview> preview(const User& user, const ports::ResponseContext& ctx, const std::string& bytes,
                                  const std::string& file_name);
  // A legacy answer sheet (docs/WORKBOOK.md, "Legacy layout"): one row per question with an
  // id or the question's exact text, and the answer in a column. InvalidArgument
  // "legacy_layout_unknown" when no sheet has the header it needs.
  Result<WorkbookPreview> legacy_preview(const User& user, const ports::ResponseContext& ctx, const std::string& bytes,
                                         const std::string& file_name);

  // Recomputes the preview of the same file and writes it, all or nothing. Errors:
  // InvalidArgument "workbook_invalid" (the preview has errors; `preview_out` holds it),
  // Aborted "workbook_preview_stale" (the server's answers moved since the preview the
  // person saw: preview again), InvalidArgument "workbook_conflicts_unresolved" (naming
  // them), plus preview()'s; the write's own (category assigned meanwhile, submitted).
  Result<AppliedWorkbook> apply(const User& user, const ports::ResponseContext& ctx, const std::string& bytes,
                                const std::string& file_name, bool legacy, const std::string& fingerprint,
                                const Resolutions& resolutions, WorkbookPreview* preview_out);

 private:
  struct Content {
    workbook::WorkbookContent content;
    std::string stem;  // the file name without its extension
  };
  Result<Content> content_of(const User& user, const ports::ResponseContext& ctx);
  // The sheets of an upload: an .xlsx's, or a CSV file's (UTF-8 with or without a BOM, or
  // CP932; a name ending .csv, or CSV text starting with the CSV form's header) as one
  // sheet "CSV" whose row i is the file's line i + 1.
  Result<std::vector<ports::Sheet>> sheets_of(const std::string& bytes, const std::string& file_name, bool* csv);
  Result<WorkbookPreview> plan(const User& user, const ports::ResponseContext& ctx, const std::string& bytes,
                               const std::string& file_name, bool legacy);

  ResponseService& responses_;
  ports::Documents& documents_;
  const auth::SealingKey& key_;
  const Clock& clock_;
};

}  // namespace mamori
