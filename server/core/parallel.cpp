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

// One call of run_pieces (or run_beside): whoever is free claims the next piece. Guarded by the
// pool's mutex, except `task`, which is only read.
struct Job {
  Job(std::size_t count, const std::function<void(std::size_t)>& task) : count(count), task(task) {}
  const std::size_t count;
  const std::function<void(std::size_t)>& task;
  std::size_t next = 0;  // the first piece nobody has claimed
  std::size_t done = 0;
  std::exception_ptr error;  // from the lowest-numbered piece that threw
  std::size_t error_piece = 0;

  bool claimable() const { return next < count; }
  bool finished() const { return done == count; }
};

// Helper threads, and every thread waiting for a job, take pieces of any job that has some left:
// so a thread that waits for its own job (say, for a document read beside the rules) helps with
// the pieces that job made (that document's parse) instead of idling.
class Pool {
 public:
  explicit Pool(std::size_t helpers) {
    for (std::size_t i = 0; i < helpers; ++i) threads_.emplace_back([this] { serve(); });
  }
  ~Pool() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  void offer(const std::shared_ptr<Job>& job) {
    {
      const std::lock_guard lock(mutex_);
      jobs_.push_back(job);
    }
    changed_.notify_all();
  }

  // Runs pieces (of this job first, else of any other) until this job has finished.
  void help_until_finished(const std::shared_ptr<Job>& job) {
    std::unique_lock lock(mutex_);
    while (!job->finished()) {
      std::shared_ptr<Job> chosen = job->claimable() ? job : claimable_job();
      if (chosen)
        run_one(chosen, lock);
      else
        changed_.wait(lock);
    }
  }

 private:
  void serve() {
    std::unique_lock lock(mutex_);
    for (;;) {
      std::shared_ptr<Job> job = claimable_job();
      if (job)
        run_one(job, lock);
      else if (stopping_)
        return;
      else
        changed_.wait(lock);
    }
  }

  // The oldest job with a piece left; jobs with none left are dropped from the queue.
  std::shared_ptr<Job> claimable_job() {
    while (!jobs_.empty() && !jobs_.front()->claimable()) jobs_.pop_front();
    for (const auto& job : jobs_)
      if (job->claimable()) return job;
    return nullptr;
  }

  // Claims a piece of `job` and runs it with the lock released.
  void run_one(const std::shared_ptr<Job>& job, std::unique_lock<std::mutex>& lock) {
    const std::size_t piece = job->next++;
    lock.unlock();
    std::exception_ptr thrown;
    try {
      job->task(piece);
    } catch (...) {
      thrown = std::current_exception();
    }
    lock.lock();
    if (thrown && (!job->error || piece < job->error_piece)) {
      job->error = thrown;
      job->error_piece = piece;
    }
    ++job->done;
    if (job->finished()) changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;        // a job offered or finished, or stopping
  std::deque<std::shared_ptr<Job>> jobs_;  // guarded by mutex_
  bool stopping_ = false;                  // guarded by mutex_
  std::vector<std::thread> threads_;
};

Pool& pool() {
  static Pool helpers(parallel_width() - 1);
  return helpers;
}

std::atomic<int> one_at_a_time{0};  // live OnePieceAtATime objects

// Takes a finished job's exception out before throwing it: a helper may still hold the job (in
// its queue) and would otherwise free the exception while the caller is still reading it. No
// other thread touches a finished job's error.
void rethrow_if_failed(Job& job) {
  if (!job.error) return;
  std::exception_ptr error = std::move(job.error);
  job.error = nullptr;
  std::rethrow_exception(error);
}

void run_job(const std::shared_ptr<Job>& job) {
  pool().offer(job);
  pool().help_until_finished(job);
}

}  // namespace

std::size_t parallel_width() {
  static const std::size_t width =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  return one_at_a_time > 0 ? 1 : width;
}

std::size_t pieces_for(std::size_t units, std::size_t min_units) {
  const std::size_t width = parallel_width();
  if (width == 1 || min_units == 0) return 1;
  return std::max<std::size_t>(1, std::min(2 * width, units / min_units));
}

void run_pieces(std::size_t count, const std::function<void(std::size_t)>& task) {
  if (count == 0) return;
  if (count == 1 || parallel_width() == 1 || one_at_a_time > 0) {
    std::exception_ptr first;
    for (std::size_t i = 0; i < count; ++i) {
      try {
        task(i);
      } catch (...) {
        if (!first) first = std::current_exception();
      }
    }
    if (first) std::rethrow_exception(first);
    return;
  }
  const auto job = std::make_shared<Job>(count, task);
  run_job(job);
  rethrow_if_failed(*job);
}

OnePieceAtATime::OnePieceAtATime() { ++one_at_a_time; }
OnePieceAtATime::~OnePieceAtATime() { --one_at_a_time; }

void run_beside(const std::function<void()>& here, const std::function<void()>& anywhere) {
  if (parallel_width() == 1) {
    std::exception_ptr thrown;
    try {
      here();
    } catch (...) {
      thrown = std::current_exception();
    }
    anywhere();  // an exception from `here` still waits for `anywhere`, as below
    if (thrown) std::rethrow_exception(thrown);
    return;
  }
  const std::function<void(std::size_t)> task = [&](std::size_t) { anywhere(); };
  const auto job = std::make_shared<Job>(1, task);
  pool().offer(job);
  std::exception_ptr thrown;
  try {
    here();
  } catch (...) {
    thrown = std::current_exception();
  }
  pool().help_until_finished(job);  // runs `anywhere` here if no helper took it
  if (thrown) std::rethrow_exception(thrown);
  rethrow_if_failed(*job);
}

}  // namespace sayso
