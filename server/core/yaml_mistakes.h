// The mistakes people make in a YAML file (a rule file, a .sayso.yml), named in plain words at
// their own line.
#pragma once
#include <string>
#include <string_view>

namespace sayso {

// "FILE:LINE: not valid YAML…" with what to look for, in plain words: a YAML parser's own
// words ("end of map not found") mean little to someone editing a rule or a setting. The parser
// often notices a mistake a line after it, so with the file's `bytes` the two mistakes people
// make most are looked for and named at their own line: a line indented with a tab, and a
// field with no ':' after its name ("severity info").
std::string yaml_error_message(const std::string& path, std::string_view bytes, int line,
                               const std::string& what);
// "FILE:LINE: a quote mark opened on this line is not closed…" for a quoted text that runs to the
// end of the file, which the parser takes without a word, swallowing every line after it; ""
// when there is none.
std::string quote_left_open_message(const std::string& path, std::string_view bytes);
// "FILE:LINE: this file is not saved as UTF-8…" for the first bytes that are not UTF-8 (a rule
// or config file saved as Windows "ANSI", with a £ or curly quotes); "" when all of it is UTF-8.
// Read as it is, such a file would give writers broken characters and phrases that never match.
std::string not_utf8_message(const std::string& path, std::string_view bytes);

}  // namespace sayso
