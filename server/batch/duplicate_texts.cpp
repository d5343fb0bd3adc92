#include "batch/duplicate_texts.h"

#include "batch/fingerprint.h"

namespace sayso {
namespace {

constexpr std::size_t kExamplesKept = 5;

bool is_white_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string text_fingerprint(std::string_view text) {
  Fingerprint fingerprint;
  bool any_text = false, space_pending = false;
  for (std::size_t at = 0; at < text.size();) {
    if (is_white_space(text[at])) {
      space_pending = any_text;
      ++at;
      continue;
    }
    if (space_pending) fingerprint.add_bytes(" ");
    std::size_t end = at;
    while (end < text.size() && !is_white_space(text[end])) ++end;
    fingerprint.add_bytes(text.substr(at, end - at));
    any_text = true;
    space_pending = false;
    at = end;
  }
  return any_text ? fingerprint.hex() : std::string();
}

std::optional<SameTextAs> DuplicateTexts::earlier_with_same_text(const SubmissionRecord& record) {
  if (record.text_fingerprint.empty()) return std::nullopt;
  const auto [first, is_first] = first_with_text_.try_emplace(
      record.text_fingerprint, SameTextAs{record.id, record.path, record.row});
  if (is_first) return std::nullopt;
  ++count_;
  if (examples_.size() < kExamplesKept) examples_.emplace_back(record.id, first->second.id);
  return first->second;
}

}  // namespace sayso
