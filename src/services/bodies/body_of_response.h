// The body as one of its responses sees it: for a response of a closed campaign, with the
// group attributes frozen when the campaign closed (ports::ResponseRepository::frozen_groups);
// otherwise as it is now. What scores a response, decides which of its questions are shown,
// checks its completeness and exports it, so that these never disagree (issue 12 §5).
#pragma once

#include "domain/body.h"
#include "domain/model.h"
#include "ports/bodies.h"
#include "ports/responses.h"

namespace mamori {

// NotFound "body_not_found" when the body is gone.
Result<Body> body_of_response(ports::BodyRepository& bodies, ports::ResponseRepository& responses,
                              const ResponseRecord& response);

}  // namespace mamori
