// Bounds how many API requests are worked on at once. A request that finds no free slot waits
// for one, briefly and only behind a bounded number of others (a class of 20 pressing "Check"
// together are all answered); past that it is turned away (503) instead of queueing for long.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace sayso::web {

class RequestLimiter {
 public:
  explicit RequestLimiter(std::size_t max_in_flight) : max_in_flight_(max_in_flight) {}

  // Holds one slot while alive (when it was granted).
  class Slot {
   public:
    Slot() = default;
    explicit Slot(RequestLimiter* owner) : owner_(owner) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { release(); }
    bool granted() const { return owner_ != nullptr; }
    void release();

   private:
    RequestLimiter* owner_ = nullptr;
  };

  // A granted slot, or an empty one when every slot is taken.
  Slot try_acquire();
  // A granted slot, waiting up to `wait` for one to come free when all are taken; an empty slot
  // when none came free in time, or when `max_waiting` requests are already waiting.
  Slot acquire_within(std::chrono::milliseconds wait, std::size_t max_waiting);
  std::size_t in_flight() const;
  std::size_t waiting() const;
  std::size_t capacity() const { return max_in_flight_; }

 private:
  void give_back();

  const std::size_t max_in_flight_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t in_flight_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace sayso::web
