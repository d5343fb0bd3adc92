// Sentences and words with ICU, over the prose mask of a document.
#pragma once
#include "core/document.h"

namespace sayso {

// Fills doc.tokens and doc.sentences from doc.prose and doc.blocks.
// Large documents are segmented on several threads, with the same result as one.
void segment(Document& doc);
// The same, cutting the blocks into at most `pieces` runs of any size (tests cut small texts too).
void segment_in_pieces(Document& doc, std::size_t pieces);

// Lower-cases (full Unicode case folding) and normalises typographic apostrophes and dashes.
std::string fold_word(std::string_view word);

}  // namespace sayso
