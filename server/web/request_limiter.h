// Bounds how many API requests are worked on at once; a request that finds no free slot is
// turned away (503) at once instead of queueing behind slow ones.
#pragma once
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
  std::size_t in_flight() const;
  std::size_t capacity() const { return max_in_flight_; }

 private:
  void give_back();

  const std::size_t max_in_flight_;
  mutable std::mutex mutex_;
  std::size_t in_flight_ = 0;
};

}  // namespace sayso::web
