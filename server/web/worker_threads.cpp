#include "web/worker_threads.h"

#include <exception>

namespace sayso::web {

struct WorkerThreads::Worker {
  std::condition_variable wake;
  const std::function<void()>* job = nullptr;  // the job handed over, until it has run
  std::exception_ptr failure;
  bool finished = false;
  bool used = false;
  std::thread thread;
};

WorkerThreads::WorkerThreads(std::size_t count) {
  if (count == 0) count = 1;
  for (std::size_t i = 0; i < count; ++i) workers_.push_back(std::make_unique<Worker>());
  for (auto& worker : workers_) worker->thread = std::thread([this, &w = *worker] { serve(w); });
}

WorkerThreads::~WorkerThreads() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  for (auto& worker : workers_) worker->wake.notify_all();
  for (auto& worker : workers_) worker->thread.join();
}

std::size_t WorkerThreads::threads_used() const {
  std::lock_guard lock(mutex_);
  std::size_t used = 0;
  for (const auto& worker : workers_) used += worker->used ? 1 : 0;
  return used;
}

// The first thread that has no job: the same warm thread while requests do not overlap.
WorkerThreads::Worker* WorkerThreads::idle_worker() {
  for (auto& worker : workers_)
    if (worker->job == nullptr) return worker.get();
  return nullptr;
}

void WorkerThreads::run_and_wait(const std::function<void()>& job) {
  std::unique_lock lock(mutex_);
  worker_freed_.wait(lock, [this] { return idle_worker() != nullptr; });
  Worker& worker = *idle_worker();
  worker.job = &job;
  worker.finished = false;
  worker.used = true;
  worker.wake.notify_all();
  worker.wake.wait(lock, [&worker] { return worker.finished; });
  std::exception_ptr failure = std::exchange(worker.failure, nullptr);
  worker.job = nullptr;  // only now may another caller hand this thread a job
  lock.unlock();
  worker_freed_.notify_one();
  if (failure) std::rethrow_exception(failure);
}

void WorkerThreads::serve(Worker& worker) {
  std::unique_lock lock(mutex_);
  for (;;) {
    worker.wake.wait(lock, [&] { return (worker.job && !worker.finished) || stopping_; });
    if (!worker.job || worker.finished) return;  // stopping, with nothing handed over
    const std::function<void()>& job = *worker.job;
    lock.unlock();
    std::exception_ptr failure;
    try {
      job();
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    worker.failure = failure;
    worker.finished = true;
    worker.wake.notify_all();
  }
}

}  // namespace sayso::web
