// HTML character references ("&eacute;", "&#233;", "&#xE9;"), shared by the readers whose text
// may hold them: HTML, and Markdown, which allows them in its text.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace sayso {

// The code point a named reference stands for: HTML 4's 252 names and "apos", matched with case
// as HTML does ("Eacute" is not "eacute"). 0 for any other name.
char32_t named_reference_code_point(std::string_view name);

// The reference that starts `text` (at '&'), written as it goes into a prose mask: exactly as many
// bytes as the reference, so no position after it moves. A character that belongs inside a word (a
// letter, digit, combining mark or apostrophe) is followed by invisible characters, not spaces, so
// "caf&eacute;s" stays one word; an invisible one (a soft hyphen, a joiner) is invisible
// throughout; a space is a space. False when `text` does not start with a reference: a lone '&'
// or an unknown name stays as it is.
bool reference_in_prose(std::string_view text, std::string& prose_bytes);

}  // namespace sayso
