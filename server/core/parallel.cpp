#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace sayso {
namespace {

// One call of run_pieces: whoever is free claims the next piece.
struct Job {
  Job(std::size_t count, const std::function<void(std::size_t)>& task) : count(count), task(task) {}
  const std::size_t count;
  const std::function<void(std::size_t)>& task;
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable finished;
  std::size_t done = 0;      // guarded by mutex
  std::exception_ptr error;  // the first one; guarded by mutex

  bool has_unclaimed() const { return next.load() < count; }
  // Runs pieces until none is left to claim.
  void work() {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) {
      std::exception_ptr thrown;
      try {
        task(i);
      } catch (...) {
        thrown = std::current_exception();
      }
      const std::lock_guard lock(mutex);
      if (thrown && !error) error = thrown;
      if (++done == count) finished.notify_all();
    }
  }
};

class HelperThreads {
 public:
  explicit HelperThreads(std::size_t helpers) {
    for (std::size_t i = 0; i < helpers; ++i) threads_.emplace_back([this] { serve(); });
  }
  ~HelperThreads() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  HelperThreads(const HelperThreads&) = delete;
  HelperThreads& operator=(const HelperThreads&) = delete;

  void offer(const std::shared_ptr<Job>& job) {
    if (threads_.empty()) return;
    {
      const std::lock_guard lock(mutex_);
      jobs_.push_back(job);
    }
    wake_.notify_all();
  }

 private:
  void serve() {
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (stopping_) return;
        job = jobs_.front();
        if (!job->has_unclaimed()) {  // taken by others already: forget it
          jobs_.pop_front();
          continue;
        }
      }
      job->work();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> jobs_;  // guarded by mutex_
  bool stopping_ = false;                  // guarded by mutex_
  std::vector<std::thread> threads_;
};

HelperThreads& helper_threads() {
  static HelperThreads helpers(parallel_width() - 1);
  return helpers;
}

}  // namespace

std::size_t parallel_width() {
  static const std::size_t width =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  return width;
}

namespace {

void wait_for(Job& job) {
  job.work();  // whatever no helper has taken yet
  std::unique_lock lock(job.mutex);
  job.finished.wait(lock, [&] { return job.done == job.count; });
}

}  // namespace

void run_pieces(std::size_t count, const std::function<void(std::size_t)>& task) {
  if (count == 0) return;
  if (count == 1 || parallel_width() == 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  const auto job = std::make_shared<Job>(count, task);
  helper_threads().offer(job);
  wait_for(*job);
  if (job->error) std::rethrow_exception(job->error);
}

void run_beside(const std::function<void()>& here, const std::function<void()>& anywhere) {
  const std::function<void(std::size_t)> task = [&](std::size_t) { anywhere(); };
  const auto job = std::make_shared<Job>(1, task);
  if (parallel_width() > 1) helper_threads().offer(job);
  std::exception_ptr thrown;
  try {
    here();
  } catch (...) {
    thrown = std::current_exception();
  }
  wait_for(*job);
  if (thrown) std::rethrow_exception(thrown);
  if (job->error) std::rethrow_exception(job->error);
}

}  // namespace sayso
