// The bound on API requests worked on at once.
#include <catch2/catch.hpp>

#include "web/request_limiter.h"

TEST_CASE("web: the request limiter grants up to its capacity and takes slots back",
          "[web][security]") {
  sayso::web::RequestLimiter limiter(2);
  auto first = limiter.try_acquire();
  auto second = limiter.try_acquire();
  CHECK(first.granted());
  CHECK(second.granted());
  CHECK_FALSE(limiter.try_acquire().granted());
  CHECK(limiter.in_flight() == 2);
  first.release();
  CHECK(limiter.in_flight() == 1);
  {
    auto third = limiter.try_acquire();
    CHECK(third.granted());
    auto moved = std::move(third);
    CHECK(moved.granted());
    CHECK_FALSE(third.granted());
    CHECK(limiter.in_flight() == 2);
  }
  CHECK(limiter.in_flight() == 1);
}
