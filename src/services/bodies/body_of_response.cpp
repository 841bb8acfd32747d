#include "services/bodies/body_of_response.h"

namespace mamori {

Result<Body> body_of_response(ports::BodyRepository& bodies, ports::ResponseRepository& responses,
                              const ResponseRecord& response) {
  MAMORI_ASSIGN_OR_RETURN(Body body, bodies.get_body(response.body_code));
  MAMORI_ASSIGN_OR_RETURN(std::optional<GroupAttributes> frozen, responses.frozen_groups_of(response.id));
  if (frozen) body = with_group_attributes(std::move(body), *frozen);
  return body;
}

}  // namespace mamori
