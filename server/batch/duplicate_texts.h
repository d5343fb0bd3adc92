// Exact duplicate submissions: the same application sent twice, under two names or ids.
//
// Two submissions are duplicates when their texts are the same after extraction (the DOCX, ODT
// or PDF text, a form row's Markdown, a file's text as read) with every run of white space
// (spaces, tabs, line breaks) counted as one space and none at either end. Letter case,
// punctuation and Markdown marks count, so the same words in a .md file and a .docx file are not
// duplicates. Texts are compared by a 64-bit fingerprint (FNV-1a). An empty text is never a
// duplicate.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "report/submission_record.h"

namespace sayso {

// 16 hex digits, the same for texts that differ only in white space; "" for a text of white
// space only.
std::string text_fingerprint(std::string_view text);

// Finds, in input order, the submissions whose text an earlier one already had.
class DuplicateTexts {
 public:
  // The earliest submission seen with the same text as `record` (by its text_fingerprint), or
  // nothing when it is the first with its text (it is remembered) or has none.
  std::optional<SameTextAs> earlier_with_same_text(const SubmissionRecord& record);

  std::size_t count() const { return count_; }  // submissions that repeat an earlier text
  // The first few of them: (its id, the id of the earlier one).
  const std::vector<std::pair<std::string, std::string>>& examples() const { return examples_; }

 private:
  std::unordered_map<std::string, SameTextAs> first_with_text_;
  std::size_t count_ = 0;
  std::vector<std::pair<std::string, std::string>> examples_;
};

}  // namespace sayso
