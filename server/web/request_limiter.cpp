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

RequestLimiter::Slot RequestLimiter::acquire_within(std::chrono::milliseconds wait,
                                                    std::size_t max_waiting) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (in_flight_ >= max_in_flight_) {
    if (waiting_ >= max_waiting) return Slot();
    ++waiting_;
    const bool freed = freed_.wait_for(lock, wait, [this] { return in_flight_ < max_in_flight_; });
    --waiting_;
    if (!freed) return Slot();
  }
  ++in_flight_;
  return Slot(this);
}

std::size_t RequestLimiter::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_;
}

std::size_t RequestLimiter::in_flight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_flight_;
}

void RequestLimiter::give_back() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (in_flight_ > 0) --in_flight_;
  }
  freed_.notify_one();
}

}  // namespace sayso::web
