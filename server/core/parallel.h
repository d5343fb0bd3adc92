// Runs independent pieces of one job on the machine's cores (a large document's chunks). The
// helper threads live as long as the process, so their thread-local parsers and ICU iterators are
// made once, and a job costs only a hand-over (microseconds), not a thread start.
#pragma once
#include <cstddef>
#include <functional>

namespace sayso {

// How many pieces are worth making at once: the cores, at most 8 (1 on a single core, or while a
// OnePieceAtATime lives).
std::size_t parallel_width();

// How many pieces to cut a job of `units` (bytes, sentences…) into: two per core, since pieces
// of equal size rarely cost the same and a core that finishes early then takes another; each of
// at least `min_units` (smaller ones cost more to hand over than they save); 1 on one core.
std::size_t pieces_for(std::size_t units, std::size_t min_units);

// Calls task(0) … task(count - 1), each exactly once, some on helper threads, and returns when
// all have returned. The calling thread takes pieces too, so this never waits on helpers that are
// busy elsewhere (several callers at once are fine). Every piece runs even when some throw; then
// the exception of the lowest-numbered piece that threw is rethrown (the same one on every run,
// as a loop would report). Tasks must not share unsynchronised state.
void run_pieces(std::size_t count, const std::function<void(std::size_t)>& task);

// While one of these lives, jobs are not cut (parallel_width() is 1) and run_pieces runs every
// piece on the calling thread, in order: tests check that a job gives the same result both ways.
class OnePieceAtATime {
 public:
  OnePieceAtATime();
  ~OnePieceAtATime();
  OnePieceAtATime(const OnePieceAtATime&) = delete;
  OnePieceAtATime& operator=(const OnePieceAtATime&) = delete;
};

// Runs `here` on the calling thread and `anywhere` on a helper thread if one is free (else on the
// calling thread after `here`), and returns when both have returned. An exception from `here`
// is rethrown first, else one from `anywhere`.
void run_beside(const std::function<void()>& here, const std::function<void()>& anywhere);

}  // namespace sayso
