// Sentences and words with ICU, over the prose mask of a document.
#pragma once
#include "core/document.h"

#include <optional>
#include <string>
#include <string_view>

namespace sayso {

// Fills doc.tokens and doc.sentences from doc.prose and doc.blocks.
// Large documents are segmented on several threads, with the same result as one.
void segment(Document& doc);

// Length of a picture bullet at the start of `line` and the space after it, or 0: one symbol
// ("✔ ", "► ", "→ ", "👉 ", "✅ ") with the marks that join an emoji ("✔️",
// "👍🏽").
std::size_t picture_bullet_length(std::string_view line);
// The same, cutting the blocks into at most `pieces` runs of any size (tests cut small texts too).
void segment_in_pieces(Document& doc, std::size_t pieces);

// Lower-cases (full Unicode case folding) and normalises typographic apostrophes and dashes.
std::string fold_word(std::string_view word);

// The word in Unicode NFC: "é" typed as e and a combining acute (the way macOS writes it) becomes
// the one-character "é" that dictionaries and word lists hold. Nothing when the word is NFC
// already (all ASCII is) or cannot be composed.
std::optional<std::string> nfc_composed(std::string_view word);

}  // namespace sayso
