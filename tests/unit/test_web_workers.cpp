// The threads that do sayso serve's checking: a bounded set, and the same warm thread for
// requests that come one at a time (what the engine keeps per thread is not made again).
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "web/worker_threads.h"

using sayso::web::WorkerThreads;

TEST_CASE("web workers: jobs one at a time all run on the same thread", "[web]") {
  WorkerThreads workers(4);
  std::set<std::thread::id> threads;
  for (int i = 0; i < 20; ++i)
    threads.insert(workers.run([] { return std::this_thread::get_id(); }));
  CHECK(threads.size() == 1);
  CHECK(*threads.begin() != std::this_thread::get_id());
  CHECK(workers.threads_used() == 1);
}

TEST_CASE("web workers: overlapping jobs never use more threads than there are", "[web]") {
  WorkerThreads workers(2);
  std::atomic<int> running{0}, most_at_once{0};
  std::mutex ids_mutex;
  std::set<std::thread::id> ids;
  auto job = [&] {
    const int now = ++running;
    for (int seen = most_at_once; now > seen && !most_at_once.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --running;
    std::lock_guard lock(ids_mutex);
    ids.insert(std::this_thread::get_id());
  };
  std::vector<std::thread> callers;
  for (int i = 0; i < 6; ++i) callers.emplace_back([&] { workers.run(job); });
  for (auto& caller : callers) caller.join();
  CHECK(most_at_once <= 2);
  CHECK(ids.size() <= 2);
  CHECK(workers.threads_used() <= 2);
}

TEST_CASE("web workers: a job's result and its exception reach the caller", "[web]") {
  WorkerThreads workers(1);
  CHECK(workers.run([] { return std::string("checked"); }) == "checked");
  CHECK_THROWS_WITH(workers.run([]() -> int { throw std::runtime_error("broken rule"); }),
                    "broken rule");
  CHECK(workers.run([] { return 7; }) == 7);  // the thread still serves after a failure
  WorkerThreads none(0);
  CHECK(none.size() == 1);
}
