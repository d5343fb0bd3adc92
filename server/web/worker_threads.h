// A few long-lived threads that do the server's checking, so that what the engine keeps per
// thread (a Hunspell speller with its word cache for each dictionary, Tree-sitter parsers, ICU
// break iterators: tens of MB a thread) exists in a bounded set of threads, not in every thread
// of the HTTP server's pool, which take turns serving connections. A job goes to the
// lowest-numbered idle thread, so requests that come one at a time all reuse the first thread
// and its warm state; the others start only when requests overlap.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace sayso::web {

class WorkerThreads {
 public:
  explicit WorkerThreads(std::size_t count);  // at least one thread
  // Lets running jobs finish, then ends the threads (their thread-local state goes with them).
  ~WorkerThreads();
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  // Runs `job` on an idle thread and waits for it, returning what it returns and rethrowing
  // what it throws. When every thread is busy, waits for one.
  template <typename Job>
  auto run(Job&& job) -> decltype(job()) {
    using Result = decltype(job());
    if constexpr (std::is_void_v<Result>) {
      run_and_wait(std::function<void()>(std::forward<Job>(job)));
    } else {
      std::optional<Result> result;
      run_and_wait([&] { result.emplace(job()); });
      return std::move(*result);
    }
  }

  std::size_t size() const { return workers_.size(); }
  // How many of the threads have run a job so far.
  std::size_t threads_used() const;

 private:
  struct Worker;
  void run_and_wait(const std::function<void()>& job);
  void serve(Worker& worker);
  Worker* idle_worker();

  mutable std::mutex mutex_;
  std::condition_variable worker_freed_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace sayso::web
