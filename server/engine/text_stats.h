// Readability figures shared by rules and reports: syllables, reading ease, reading age, passives.
#pragma once
#include <cstddef>
#include <string_view>
#include <utility>

#include "core/document.h"

namespace sayso {

std::size_t count_syllables(std::string_view lower_word);

struct TextStats {
  std::size_t words = 0, sentences = 0, syllables = 0, passive_sentences = 0;
  double average_sentence_words() const { return sentences ? double(words) / sentences : 0; }
  double flesch_reading_ease() const;  // higher is easier; 60+ is plain English
  double grade() const;                // Flesch-Kincaid grade
  double reading_age() const { return grade() + 5; }
};

// Figures over the prose sentences (not headings) that start inside [begin, end).
TextStats measure(const Document& doc, std::size_t begin, std::size_t end);

// The first passive verb group in a sentence ("will be measured"), as a token range
// [first, last); {0, 0} when there is none.
std::pair<std::uint32_t, std::uint32_t> find_passive(const Document& doc, const Sentence& s);

}  // namespace sayso
