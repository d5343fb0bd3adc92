// Findings' messages as the web page says them. The rules speak to people with an editor and a
// settings file: "add it to your word list", "set your funder's own limit in .sayso.yml", "save
// it as UTF-8". The page has none of these, so such advice is left out, or said in the page's
// own terms; the rest of the message is kept word for word.
#pragma once
#include <string>
#include <string_view>

namespace sayso::web {

// The message for the page: sentences (or the clauses of a sentence) that send the reader to a
// word list or a settings file are dropped; sentences about text encodings become one plain
// sentence about letters that may show wrongly. A spelling finding that lost its word-list advice
// ends "If it is a name or a word in another language, you can leave it."
std::string page_message(std::string_view message, std::string_view category);

// True when `text` is well-formed UTF-8 (no stray, overlong, surrogate or too-large sequence).
bool is_valid_utf8(std::string_view text);

}  // namespace sayso::web
