#include "batch/scheduler.h"
#include "core/sanitized.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace sayso {
namespace {

constexpr auto kWatchdogGrace = std::chrono::seconds(1);
#ifdef SAYSO_SANITIZED
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

struct Job {
  Submission submission;
  std::optional<LintedSubmission> result;
  std::optional<BatchClock::time_point> deadline;  // set when a worker starts it
  std::size_t worker = 0;                          // the worker that started it
  bool abandoned = false;  // delivered as a time-limit error while its worker still ran
};

// Shared by its threads: a worker given up on may outlive run(), so it keeps the scheduler (its
// options, linter and mutex) alive until it ends.
class Scheduler : public std::enable_shared_from_this<Scheduler> {
 public:
  explicit Scheduler(SchedulerOptions options) : options_(std::move(options)) {}

  std::size_t run(const Produce& produce, const Deliver& deliver) {
    const std::size_t jobs = std::max<std::size_t>(1, options_.jobs);
    for (std::size_t i = 0; i < jobs; ++i) start_worker();
    std::thread producer([&] { feed(produce); });
    std::exception_ptr failure;
    try {
      drain(deliver);
    } catch (...) {
      failure = std::current_exception();
      stop();
    }
    producer.join();
    finish_producing();
    const std::size_t left_running = end_workers();
    if (!failure) failure = producer_failure_;
    if (failure) std::rethrow_exception(failure);
    return left_running;
  }

 private:
  std::chrono::steady_clock::duration time_limit() const {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(options_.time_limit_seconds));
  }

  void feed(const Produce& produce) {
    try {
      produce([this](Submission s) { admit(std::move(s)); });
    } catch (...) {
      std::lock_guard lock(mutex_);
      producer_failure_ = std::current_exception();
    }
    finish_producing();
  }

  // Waits for room in the window, then queues the submission (or its error record at once).
  void admit(Submission submission) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return stopping_ || window_.size() < options_.window; });
    if (stopping_) return;
    auto job = std::make_shared<Job>();
    job->submission = std::move(submission);
    if (!job->submission.error.empty()) {
      job->result = error_submission(job->submission, job->submission.error, options_.record_json);
      window_.push_back(job);
      ready_.notify_all();
      return;
    }
    window_.push_back(job);
    pending_.push_back(std::move(job));
    work_.notify_one();
  }

  void finish_producing() {
    std::lock_guard lock(mutex_);
    producing_done_ = true;
    work_.notify_all();
    ready_.notify_all();
  }

  void stop() {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    pending_.clear();
    space_.notify_all();
    work_.notify_all();
  }

  // Called on the calling thread only (run, and drain when it gives up on a job). One linter per
  // worker, made on its thread, kept until every result is delivered: a result points at its
  // linter's rules (SARIF describes each rule from them), so a worker that runs out of work must
  // not destroy its linter while the writer is still delivering. A deque keeps the linters where
  // they are as workers are added.
  void start_worker() {
    std::optional<SubmissionLinter>& linter = linters_.emplace_back();
    const std::size_t index = workers_.size();
    workers_.emplace_back(
        [self = shared_from_this(), index, &linter] { self->work(index, linter); });
  }

  // Waits for every worker but those given up on: they may be stuck in one stage for minutes
  // (reading a huge file), and every record is delivered already. They are left to end on their
  // own, or with the process; the run's reports do not wait for them.
  std::size_t end_workers() {
    std::vector<bool> given_up(workers_.size(), false);
    std::size_t left_running = 0;
    {
      std::lock_guard lock(mutex_);
      for (std::size_t i : given_up_) given_up[i] = true;
    }
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      // A sanitizer build ends with a normal exit, which nothing may outrun: it waits for all.
      if (given_up[i] && !kSanitized) {
        workers_[i].detach();
        ++left_running;
      } else {
        workers_[i].join();
      }
    }
    return left_running;
  }

  void work(std::size_t index, std::optional<SubmissionLinter>& linter) {  // linter: this thread's
    std::unique_lock lock(mutex_);
    while (true) {
      work_.wait(lock, [&] { return stopping_ || !pending_.empty() || producing_done_; });
      if (stopping_ || pending_.empty()) return;
      std::shared_ptr<Job> job = std::move(pending_.front());
      pending_.pop_front();
      job->deadline = BatchClock::now() + time_limit();
      job->worker = index;
      const BatchClock::time_point deadline = *job->deadline;
      ready_.notify_all();  // the writer may be waiting for this job: it now has a deadline
      lock.unlock();
      if (!linter) linter.emplace(options_.session, options_.record_json, options_.max_findings);
      LintedSubmission result = lint_safely(*linter, job->submission, deadline);
      lock.lock();
      // A worker whose job was given up on has been replaced: it stops here, so the pool never
      // runs more than `jobs` submissions at once for long.
      if (job->abandoned) return;
      job->result = std::move(result);
      ready_.notify_all();
    }
  }

  LintedSubmission lint_safely(SubmissionLinter& linter, const Submission& submission,
                               BatchClock::time_point deadline) {
    try {
      return linter.lint(submission, deadline, options_.time_limit_seconds);
    } catch (const std::exception& e) {  // never a crash: the submission is reported
      return error_submission(submission, std::string("internal error: ") + e.what(),
                              options_.record_json);
    }
  }

  // Delivers finished jobs from the head of the window, in order, until everything is delivered.
  void drain(const Deliver& deliver) {
    std::unique_lock lock(mutex_);
    while (true) {
      if (window_.empty()) {
        if (producing_done_) return;
        ready_.wait(lock);
        continue;
      }
      std::shared_ptr<Job> head = window_.front();
      if (!head->result && !overdue(*head)) {
        if (head->deadline)
          ready_.wait_until(lock, *head->deadline + kWatchdogGrace);
        else
          ready_.wait(lock);
        continue;
      }
      window_.pop_front();
      space_.notify_one();
      if (!head->result) {
        // Its worker is still busy with a stage that does not check the deadline: a new worker
        // takes its place, so the next submission does not wait for it.
        head->abandoned = true;
        given_up_.push_back(head->worker);
        start_worker();
      }
      LintedSubmission result =
          head->result
              ? std::move(*head->result)
              : error_submission(head->submission, time_limit_message(options_.time_limit_seconds),
                                 options_.record_json);
      lock.unlock();
      deliver(result);
      lock.lock();
    }
  }

  bool overdue(const Job& job) const {
    return job.deadline && BatchClock::now() > *job.deadline + kWatchdogGrace;
  }

  const SchedulerOptions options_;
  std::mutex mutex_;
  std::condition_variable work_, ready_, space_;
  std::deque<std::shared_ptr<Job>> window_;   // admitted, not yet delivered, in input order
  std::deque<std::shared_ptr<Job>> pending_;  // admitted, not yet started
  bool producing_done_ = false, stopping_ = false;
  std::exception_ptr producer_failure_;
  std::deque<std::optional<SubmissionLinter>> linters_;  // one per worker (start_worker)
  std::vector<std::thread> workers_;                     // those given up on included
  std::vector<std::size_t> given_up_;  // workers whose job was delivered as a time-limit error
};

}  // namespace

std::size_t run_scheduler(const SchedulerOptions& options, const Produce& produce,
                          const Deliver& deliver) {
  return std::make_shared<Scheduler>(options)->run(produce, deliver);
}

}  // namespace sayso
