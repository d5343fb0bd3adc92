// Sentences and words with ICU, over the prose mask of a document.
#pragma once
#include "core/document.h"

namespace sayso {

// Fills doc.tokens and doc.sentences from doc.prose and doc.blocks.
void segment(Document& doc);

// Lower-cases (full Unicode case folding) and normalises typographic apostrophes and dashes.
std::string fold_word(std::string_view word);

}  // namespace sayso
