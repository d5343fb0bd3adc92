#include "batch/scheduler.h"

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

struct Job {
  Submission submission;
  std::optional<LintedSubmission> result;
  std::optional<BatchClock::time_point> deadline;  // set when a worker starts it
  bool abandoned = false;  // delivered as a time-limit error while its worker still ran
};

class Scheduler {
 public:
  explicit Scheduler(const SchedulerOptions& options) : options_(options) {}

  void run(const Produce& produce, const Deliver& deliver) {
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
    for (auto& w : workers_) w.join();
    if (!failure) failure = producer_failure_;
    if (failure) std::rethrow_exception(failure);
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
    workers_.emplace_back([this, &linter] { work(linter); });
  }

  void work(std::optional<SubmissionLinter>& linter) {  // made on this thread, used only here
    std::unique_lock lock(mutex_);
    while (true) {
      work_.wait(lock, [&] { return stopping_ || !pending_.empty() || producing_done_; });
      if (stopping_ || pending_.empty()) return;
      std::shared_ptr<Job> job = std::move(pending_.front());
      pending_.pop_front();
      job->deadline = BatchClock::now() + time_limit();
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

  const SchedulerOptions& options_;
  std::mutex mutex_;
  std::condition_variable work_, ready_, space_;
  std::deque<std::shared_ptr<Job>> window_;   // admitted, not yet delivered, in input order
  std::deque<std::shared_ptr<Job>> pending_;  // admitted, not yet started
  bool producing_done_ = false, stopping_ = false;
  std::exception_ptr producer_failure_;
  std::deque<std::optional<SubmissionLinter>> linters_;  // one per worker (start_worker)
  std::vector<std::thread> workers_;                     // those given up on included
};

}  // namespace

void run_scheduler(const SchedulerOptions& options, const Produce& produce,
                   const Deliver& deliver) {
  Scheduler(options).run(produce, deliver);
}

}  // namespace sayso
