// What the request pipeline records in the audit trail (domain/audit.h): every administrative
// action, every workflow step of a response, every export and download of a body's report or
// a batch, and every account change. docs/SECURITY.md lists them (generated with the
// access-policy matrix); tests/policy_matrix_test.cpp checks that every route that changes
// something is recorded: here, by its service (audit_recorded_by_service), or named as not
// recorded, with the reason.
#include <map>
#include <utility>

#include "api/routes.h"

namespace mamori::api {

std::string audit_action_of(const std::string& method, const std::string& pattern) {
  static const std::map<std::pair<std::string, std::string>, std::string> kActions = {
      {{"DELETE", "/api/session"}, "session.sign_out"},
      {{"POST", "/api/me/sessions/sign-out-others"}, "session.sign_out_others"},
      {{"POST", "/api/admin/sign-in-blocks/lift"}, "sign_in_block.lift"},
      // Bodies and campaigns.
      {{"PUT", "/api/bodies/{code}"}, "body.change"},
      {{"POST", "/api/bodies/import"}, "body.import"},
      {{"POST", "/api/campaigns"}, "campaign.create"},
      {{"POST", "/api/campaigns/{id}/open"}, "campaign.open"},
      {{"POST", "/api/campaigns/{id}/extend"}, "campaign.extend"},
      {{"POST", "/api/campaigns/{id}/close"}, "campaign.close"},
      {{"POST", "/api/campaigns/{id}/reminders"}, "campaign.remind"},
      // A response's workflow.
      {{"POST", "/api/responses/{id}/categories/{n}/assign"}, "response.assign"},
      {{"POST", "/api/responses/{id}/request-review"}, "response.request_review"},
      {{"POST", "/api/responses/{id}/return"}, "response.return"},
      {{"POST", "/api/responses/{id}/submit"}, "response.submit"},
      {{"POST", "/api/responses/{id}/accept"}, "response.accept"},
      {{"POST", "/api/responses/{id}/national-return"}, "response.national_return"},
      {{"POST", "/api/responses/{id}/reopen"}, "response.reopen"},
      // Exports and downloads.
      {{"GET", "/api/campaigns/{id}/export"}, "export.answers"},
      {{"POST", "/api/campaigns/{id}/feedback-reports"}, "export.feedback_batch"},
      {{"GET", "/api/jobs/{id}/result"}, "export.job_result"},
      {{"GET", "/api/responses/{id}/feedback.xlsx"}, "download.feedback_xlsx"},
      {{"GET", "/api/responses/{id}/feedback.pdf"}, "download.feedback_pdf"},
      {{"GET", "/api/responses/{id}/workbook.xlsx"}, "download.workbook"},
      {{"GET", "/api/responses/{id}/workbook.csv"}, "download.workbook_csv"},
      // Answers brought in from a file, all at once (each answer's history notes it too).
      {{"POST", "/api/responses/{id}/workbook/apply"}, "response.workbook_import"},
      {{"POST", "/api/responses/{id}/legacy/apply"}, "response.legacy_import"},
      {{"GET", "/api/admin/audit.csv"}, "export.audit"},
      // The policy obligation of a body: its organs, 方針, reviews and security roles.
      {{"POST", "/api/bodies/{code}/organs/register"}, "policy.organs_register"},
      {{"POST", "/api/bodies/{code}/organs"}, "policy.organ_add"},
      {{"PUT", "/api/bodies/{code}/organs/{id}/scope"}, "policy.organ_scope"},
      {{"POST", "/api/bodies/{code}/organs/{id}/approve"}, "policy.organ_scope_approve"},
      {{"POST", "/api/bodies/{code}/policies"}, "policy.create"},
      {{"PUT", "/api/bodies/{code}/policies/{id}"}, "policy.update"},
      {{"POST", "/api/bodies/{code}/policies/{id}/reviews"}, "policy.review"},
      {{"POST", "/api/bodies/{code}/policies/{id}/publication-check"}, "policy.publication_check"},
      {{"POST", "/api/policy-board/reminders"}, "policy.remind"},
      {{"POST", "/api/bodies/{code}/security-roles"}, "policy.role_add"},
      {{"POST", "/api/bodies/{code}/security-roles/{id}/end"}, "policy.role_end"},
      // A body's own data, complete (who took it, and in which form).
      {{"GET", "/api/bodies/{code}/export.json"}, "export.body_data"},
      {{"GET", "/api/bodies/{code}/export.xlsx"}, "export.body_data_xlsx"},
      {{"GET", "/api/policy-board/export"}, "export.policy_board"},
      // A partner ministry's reads across every body, and its API tokens.
      {{"GET", "/api/campaigns/{id}/items/{qid}/answers"}, "partner.item_answers"},
      {{"POST", "/api/me/api-tokens"}, "api_token.create"},
      {{"DELETE", "/api/me/api-tokens/{id}"}, "api_token.revoke"},
  };
  auto it = kActions.find({method, pattern});
  return it == kActions.end() ? std::string() : it->second;
}

std::string audit_recorded_by_service(const std::string& method, const std::string& pattern) {
  static const std::map<std::pair<std::string, std::string>, std::string> kActions = {
      {{"POST", "/api/session"}, "session.sign_in, session.password"},
      {{"POST", "/api/session/code"}, "session.second_factor"},
      {{"POST", "/api/me/password"}, "account.password_change"},
      {{"POST", "/api/me/second-factor"}, "account.second_factor_begin"},
      {{"POST", "/api/me/second-factor/confirm"}, "account.second_factor_enrol"},
      {{"POST", "/api/account/reset-request"}, "account.reset_request"},
      {{"POST", "/api/account/password"}, "account.reset, account.invitation_accept"},
      {{"POST", "/api/admin/users"}, "account.invite"},
      {{"PATCH", "/api/admin/users/{id}"}, "account.change"},
      {{"POST", "/api/admin/users/{id}/reset-password"}, "account.reset_issue"},
      {{"POST", "/api/admin/users/{id}/reset-second-factor"}, "account.second_factor_reset"},
  };
  auto it = kActions.find({method, pattern});
  return it == kActions.end() ? std::string() : it->second;
}

}  // namespace mamori::api
