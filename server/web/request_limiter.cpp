#include "web/request_limiter.h"

namespace sayso::web {

RequestLimiter::Slot& RequestLimiter::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = other.owner_;
    other.owner_ = nullptr;
  }
  return *this;
}

void RequestLimiter::Slot::release() {
  if (owner_) owner_->give_back();
  owner_ = nullptr;
}

RequestLimiter::Slot RequestLimiter::try_acquire() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (in_flight_ >= max_in_flight_) return Slot();
  ++in_flight_;
  return Slot(this);
}

std::size_t RequestLimiter::in_flight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_flight_;
}

void RequestLimiter::give_back() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (in_flight_ > 0) --in_flight_;
}

}  // namespace sayso::web
