#pragma once
// A store that runs `on_closed` once the store it wraps is gone: the tests' temporary
// databases (a folder removed, a PostgreSQL schema dropped) end with the store.

#include <functional>
#include <memory>

#include "ports/store.h"

namespace mamori::store {

class ScopedStore final : public ports::Store {
 public:
  ScopedStore(std::unique_ptr<ports::Store> inner, std::function<void()> on_closed)
      : inner_(std::move(inner)), on_closed_(std::move(on_closed)) {}
  ~ScopedStore() override {
    inner_.reset();
    if (on_closed_) on_closed_();
  }
  ports::BodyRepository& bodies() override { return inner_->bodies(); }
  ports::UserRepository& users() override { return inner_->users(); }
  ports::CampaignRepository& campaigns() override { return inner_->campaigns(); }
  ports::ResponseRepository& responses() override { return inner_->responses(); }
  ports::NotificationRepository& notifications() override { return inner_->notifications(); }
  ports::JobStore& jobs() override { return inner_->jobs(); }
  ports::SignInAttempts& sign_in_attempts() override { return inner_->sign_in_attempts(); }
  ports::EventLog& events() override { return inner_->events(); }
  ports::AuditRepository& audit() override { return inner_->audit(); }
  ports::ReuseRepository& reuse() override { return inner_->reuse(); }
  ports::ApiTokenRepository& api_tokens() override { return inner_->api_tokens(); }
  ports::BodyExportRepository& body_export() override { return inner_->body_export(); }
  ports::PolicyRepository& policies() override { return inner_->policies(); }
  Status ready() override { return inner_->ready(); }

 private:
  std::unique_ptr<ports::Store> inner_;
  std::function<void()> on_closed_;
};

}  // namespace mamori::store
