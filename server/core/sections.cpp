#include "core/sections.h"

#include "core/stated_limits.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace sayso {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Drops a form's label before the number: "Section 4:", "Part B -", "Question 3.", "Q3.".
std::string_view strip_form_label(std::string_view s) {
  for (std::string_view label : {"section", "part", "question", "item", "box", "step", "q"}) {
    if (s.size() <= label.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < label.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(s[i])) == label[i];
    if (!same) continue;
    std::size_t i = label.size();
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t number = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    // Or one letter: "Part B".
    if (i == number && i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) &&
        (i + 1 == s.size() || !std::isalpha(static_cast<unsigned char>(s[i + 1]))))
      ++i;
    if (i == number || (label == "q" && number != label.size())) continue;  // "Q 3" is not a label
    const std::size_t rest = i;
    while (i < s.size() &&
           (s[i] == ':' || s[i] == '.' || s[i] == ')' || s[i] == '-' || s[i] == ' '))
      ++i;
    // "Question 3 (max 500 words): Background": the form's limit before the name (read from the
    // heading as it is written, by stated_limit).
    if (i < s.size() && s[i] == '(') {
      const std::size_t close = s.find(')', i);
      if (close != std::string_view::npos && is_limit_statement(s.substr(i + 1, close - i - 1))) {
        i = close + 1;
        while (i < s.size() && (s[i] == ':' || s[i] == '.' || s[i] == '-' || s[i] == ' ')) ++i;
      }
    }
    // "Section 3 – Lay summary": an en or em dash.
    if (s.substr(i).starts_with("\xe2\x80\x93") || s.substr(i).starts_with("\xe2\x80\x94")) i += 3;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == rest || i >= s.size()) continue;  // "Section 4" alone names nothing
    return s.substr(i);
  }
  return s;
}

// Drops leading numbering such as "1.", "2.3", "A)", "(b)", "Section 4:".
std::string_view strip_numbering(std::string_view s) {
  s = strip_form_label(s);
  std::size_t i = 0;
  if (i < s.size() && s[i] == '(') ++i;
  std::size_t start = i;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  if (i == start && i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) &&
      i + 1 < s.size() && (s[i + 1] == ')' || s[i + 1] == '.') &&
      (i + 2 >= s.size() || s[i + 2] == ' '))
    i += 1;
  if (i == start) return s;
  while (i < s.size() && (s[i] == ')' || s[i] == '.' || s[i] == ':' || s[i] == '-')) ++i;
  return trim(s.substr(i));
}

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// `words` in `text` as whole words ("involvement" in "public involvement", not in
// "noninvolvement").
bool contains_words(std::string_view text, std::string_view words) {
  for (std::size_t at = text.find(words); at != std::string_view::npos;
       at = text.find(words, at + 1)) {
    const std::size_t end = at + words.size();
    if ((at == 0 || !is_word_byte(text[at - 1])) &&
        (end == text.size() || !is_word_byte(text[end])))
      return true;
  }
  return false;
}

}  // namespace

std::size_t last_subsection(const Document& doc, std::size_t index, bool same_kind) {
  const Section& s = doc.sections[index];
  std::size_t last = index;
  if (s.level == 0) return last;  // text before the first heading has no subsections
  while (last + 1 < doc.sections.size() && doc.sections[last + 1].level > s.level &&
         (!same_kind || doc.sections[last + 1].kind == s.kind))
    ++last;
  return last;
}

bool under_same_kind(const Document& doc, std::size_t index) {
  const Section& s = doc.sections[index];
  return s.parent != Section::kNoParent && doc.sections[s.parent].kind == s.kind;
}

std::size_t unit_head(const Document& doc, std::size_t index) {
  return doc.sections[index].unit_first;
}

std::size_t unit_last(const Document& doc, std::size_t index) {
  return doc.sections[doc.sections[index].unit_first].unit_last;
}

std::string section_kind_heading(const std::string& kind) {
  static const std::map<std::string, std::string> headings = {
      {"title", "Title"},
      {"plain-english-summary", "Plain English summary"},
      {"abstract", "Abstract"},
      {"background", "Background"},
      {"aims", "Aims and objectives"},
      {"methods", "Methods"},
      {"involvement", "Patient and public involvement"},
      {"dissemination", "Dissemination"},
      {"ethics", "Ethics"},
      {"finance", "Budget"},
      {"team", "Research team"},
      {"references", "References"},
      {"other", "Other information"}};
  auto it = headings.find(kind);
  return it == headings.end() ? "Other information" : it->second;
}

std::string SectionClassifier::normalise(std::string_view heading) {
  heading = strip_numbering(trim(heading));
  std::string out;
  out.reserve(heading.size());
  bool space = false;
  for (char c : heading) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == ',') continue;  // "Equality, diversity and inclusion" is the alias without it
    if (is_space(c) || c == '_') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(u < 0x80 ? static_cast<char>(std::tolower(u)) : c);
  }
  while (!out.empty() && (out.back() == ':' || out.back() == '.' || out.back() == ' '))
    out.pop_back();
  return out;
}

namespace {

bool is_short_form(std::string_view alias) {
  return alias.size() <= 5 && std::all_of(alias.begin(), alias.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c));
         });
}

}  // namespace

void SectionClassifier::add_alias(std::string alias, std::string kind) {
  if (alias.size() > 2 && alias.front() == '*' && alias.back() == '*') {
    anywhere_.emplace_back(normalise(std::string_view(alias).substr(1, alias.size() - 2)),
                           std::move(kind));
    return;
  }
  // Longest first, and in the order added among equally long ones: inserted in place, as a
  // stable sort after appending would put it (sorting after every add was quadratic: a tenth of
  // the start-up time).
  std::pair<std::string, std::string> entry(normalise(alias), std::move(kind));
  if (entry.second == "involvement" && is_short_form(entry.first) &&
      std::find(involvement_short_forms_.begin(), involvement_short_forms_.end(), entry.first) ==
          involvement_short_forms_.end())
    involvement_short_forms_.push_back(entry.first);
  const auto after = std::upper_bound(
      aliases_.begin(), aliases_.end(), entry,
      [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  aliases_.insert(after, std::move(entry));
}

std::string SectionClassifier::classify(std::string_view heading) const {
  const std::string kind = classify_by_name(heading);
  if (kind != "other") return kind;
  const std::string norm = normalise(heading);
  for (const auto& [words, anywhere_kind] : anywhere_)
    if (contains_words(norm, words)) return anywhere_kind;
  return "other";
}

bool SectionClassifier::is_named_by_words_only(std::string_view heading) const {
  return classify_by_name(heading) == "other" && classify(heading) != "other";
}

std::string SectionClassifier::classify_by_name(std::string_view heading) const {
  const std::string norm = normalise(heading);
  for (const auto& [alias, kind] : aliases_)
    if (norm == alias) return kind;
  // "Plain English summary of research" starts with an alias: take the longest such alias.
  for (const auto& [alias, kind] : aliases_) {
    if (norm.size() > alias.size() && norm.compare(0, alias.size(), alias) == 0) {
      char next = norm[alias.size()];
      if (next != ' ' && next != '(' && next != '-' && next != ',' && next != ':') continue;
      // "Summary of research (plain English)": a summary said to be plain is the plain one.
      if (kind == "abstract")
        for (const auto& [words, anywhere_kind] : anywhere_)
          if (anywhere_kind == "plain-english-summary" && contains_words(norm, words))
            return anywhere_kind;
      return kind;
    }
  }
  return "other";
}

bool SectionClassifier::is_exact_alias(std::string_view heading) const {
  const std::string norm = normalise(heading);
  return std::any_of(aliases_.begin(), aliases_.end(),
                     [&](const auto& entry) { return entry.first == norm; });
}

std::vector<std::string> SectionClassifier::kinds_of_parts(std::string_view heading,
                                                           const std::string& kind) const {
  const std::string norm = normalise(heading);
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (from <= norm.size()) {
    std::size_t cut = norm.size(), skip = 0;
    for (std::string_view joint : {" and ", " & ", " / ", "/"}) {
      const std::size_t at = norm.find(joint, from);
      if (at != std::string::npos && at < cut) {
        cut = at;
        skip = joint.size();
      }
    }
    parts.push_back(norm.substr(from, cut - from));
    if (cut == norm.size()) break;
    from = cut + skip;
  }
  std::vector<std::string> kinds;
  // A heading of many joints is a sentence, not a list of section names; the runs tried below
  // grow with the square of the parts.
  constexpr std::size_t kMostParts = 6;
  if (parts.size() < 2 || parts.size() > kMostParts) return kinds;
  // A part is a section's name, or starts with one ("patient and public involvement to date"):
  // the joints inside a name ("patient and public") are tried both ways, as runs of parts.
  const auto add_kind_of = [&](const std::string& part, bool whole_name_only) {
    for (const auto& [alias, alias_kind] : aliases_) {
      const bool named =
          alias == part || (!whole_name_only && part.size() > alias.size() &&
                            part.compare(0, alias.size(), alias) == 0 && part[alias.size()] == ' ');
      if (named && alias_kind != kind && alias_kind != "other" &&
          std::find(kinds.begin(), kinds.end(), alias_kind) == kinds.end())
        kinds.push_back(alias_kind);
    }
  };
  for (std::size_t first = 0; first < parts.size(); ++first) {
    std::string run = parts[first];
    add_kind_of(run, first + 1 < parts.size());
    for (std::size_t last = first + 1; last < parts.size(); ++last) {
      run += " and " + parts[last];
      add_kind_of(run, last + 1 < parts.size());
    }
  }
  return kinds;
}

std::size_t SectionClassifier::alias_at_start(std::string_view text,
                                              const std::string& kind) const {
  constexpr std::size_t kLongestAlias = 80;
  const std::string norm = normalise(text.substr(0, kLongestAlias));
  for (const auto& [alias, alias_kind] : aliases_)  // longest first
    if (alias_kind == kind && norm.compare(0, alias.size(), alias) == 0 &&
        (norm.size() == alias.size() || !is_word_byte(norm[alias.size()])))
      return alias.size();
  return 0;
}

// Words a form adds after a section's name to ask it twice: "Public involvement to date",
// "PPI plan", "Patient and public involvement during the study" (seventeenth blind review: in
// plain text these were read as sentences, and a whole application as one summary).
namespace {
bool is_time_or_plan_qualifier(std::string_view words) {
  for (std::string_view q : {"to date", "so far", "plan", "plans", "during the study",
                             "in this study", "in this project", "in the study", "in the research",
                             "in this research", "in the project", "in the trial", "in this trial"})
    if (words == q) return true;
  return false;
}

// "Patient and public involvement (PPIE)": the name's short form after it.
bool is_short_form_in_brackets(std::string_view words) {
  if (words.size() < 4 || words.size() > 10 || words.front() != '(' || words.back() != ')')
    return false;
  return std::all_of(words.begin() + 1, words.end() - 1,
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}
}  // namespace

bool SectionClassifier::is_known_heading(std::string_view line) const {
  const std::string norm = normalise(line);
  if (norm.empty()) return false;
  // A form's question about involvement: "How will people affected by dementia be involved in
  // the research?" (a charity's form; in plain text such a line was read as a sentence).
  if (norm.back() == '?' && norm.size() <= 160)
    return std::any_of(anywhere_.begin(), anywhere_.end(), [&](const auto& entry) {
      return entry.second == "involvement" && contains_words(norm, entry.first);
    });
  if (norm.size() > 80) return false;
  const auto names_a_section = [&](std::string_view words) {
    for (const auto& entry : aliases_) {
      const std::string& alias = entry.first;
      if (words == alias) return true;
      // A form's heading with its limit: "Proposal summary (200 words)", "Lay summary - max
      // 250 words". Only a limit may follow the alias; any other words make it a sentence.
      if (words.size() > alias.size() && words.compare(0, alias.size(), alias) == 0 &&
          words[alias.size()] == ' ' &&
          (is_limit_statement(words.substr(alias.size())) ||
           is_time_or_plan_qualifier(words.substr(alias.size() + 1)) ||
           is_short_form_in_brackets(words.substr(alias.size() + 1))))
        return true;
    }
    return false;
  };
  if (names_a_section(norm)) return true;
  // Names joined: "Research design and methods", "Outputs, dissemination and impact", "User
  // engagement and co-production" (twenty-third blind review: in plain text and bold labels
  // these were read as sentences, and whole sections vanished). Every part must be a name.
  // (normalise drops commas, so the line is cut at them first.)
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (from <= line.size()) {
    const std::size_t comma = std::min(line.find(',', from), line.size());
    std::string piece = normalise(line.substr(from, comma - from));
    std::string_view rest(piece);
    while (!rest.empty()) {
      std::size_t cut = rest.size(), skip = 0;
      for (std::string_view joint : {" and ", " & ", " / "}) {
        const std::size_t at = rest.find(joint);
        if (at != std::string_view::npos && at < cut) {
          cut = at;
          skip = joint.size();
        }
      }
      parts.emplace_back(rest.substr(0, cut));
      rest = cut == rest.size() ? std::string_view() : rest.substr(cut + skip);
    }
    if (piece.empty()) parts.emplace_back();
    from = comma + 1;
  }
  if (parts.size() < 2) return false;
  return std::all_of(parts.begin(), parts.end(), [&](const std::string& part) {
    if (part.empty()) return false;
    if (names_a_section(part)) return true;
    return std::any_of(anywhere_.begin(), anywhere_.end(),
                       [&](const auto& entry) { return entry.first == part; });
  });
}

bool SectionClassifier::mentions_involvement(std::string_view text,
                                             const std::set<std::string>& not_involvement) const {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Most paragraphs name neither: one search for "involvement" and one per short form rules
  // them out before the ~70 names are tried word by word (a hot path on long untitled texts).
  const bool may_name =
      lower.find("involvement") != std::string::npos ||
      std::any_of(involvement_short_forms_.begin(), involvement_short_forms_.end(),
                  [&](const std::string& form) { return lower.find(form) != std::string::npos; });
  if (!may_name) return false;
  const auto names = [&](const std::string& alias, const std::string& kind) {
    return kind == "involvement" &&
           (is_short_form(alias) ? !not_involvement.count(alias)
                                 : alias.find("involvement") != std::string::npos) &&
           contains_words(lower, alias);
  };
  for (const auto& [alias, kind] : aliases_)
    if (names(alias, kind)) return true;
  for (const auto& [alias, kind] : anywhere_)
    if (names(alias, kind)) return true;
  return false;
}

void SectionClassifier::add_involvement_sentence_words(std::string words) {
  for (char& c : words) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  involvement_sentence_words_.push_back(std::move(words));
}

bool SectionClassifier::tells_of_involvement(std::string_view sentence) const {
  std::string lower(sentence);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::any_of(involvement_sentence_words_.begin(), involvement_sentence_words_.end(),
                     [&](const std::string& words) { return contains_words(lower, words); });
}

namespace {

// A paragraph that is nothing but a section name ("**References**", a bold "Plain English
// summary" typed without a heading style) is a heading, one level below the heading before
// it: a bold label inside a section is a subheading. Table cells are not: a table may list
// section names as values.
//
// A writer who names the sections this way from the start keeps doing so: after a heading typed
// among them ("## Section C - Patient and public involvement" between bold "**Research plan**"
// and "**Dissemination**"), a label of another kind of section is the next section at the
// labels' level, not a part of that heading's (twenty-second blind review: the dissemination,
// ethics, team and costs sections all became involvement).
bool is_summary_kind(const std::string& kind);

// A paragraph's first line that is not the paragraph's own text, split off as a block of its own:
// - "DISSEMINATION AND IMPACT" on the line straight above its text (Markdown joins the two into
//   one paragraph, where plain text reads the first line as a heading), so it is read as a name;
// - a form's guidance right under a heading, "(Maximum 200 characters, excluding spaces)", with
//   the answer on the next line, so it is read as the limit and its words are not the answer's
//   (twenty-fourth blind review: the limit was missed and the line made a long sentence).
void split_first_lines(Document& doc, const SectionClassifier& classifier) {
  std::vector<Block> blocks;
  blocks.reserve(doc.blocks.size());
  for (const Block& b : doc.blocks) {
    const std::string_view text = std::string_view(doc.prose).substr(b.begin, b.end - b.begin);
    const std::size_t line_end = text.find('\n');
    const std::string_view first = text.substr(0, line_end);
    const bool after_heading = !blocks.empty() && blocks.back().kind == BlockKind::Heading;
    const bool capitals_name =
        first.size() <= 80 &&
        std::none_of(first.begin(), first.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
        std::any_of(first.begin(), first.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
        classifier.is_known_heading(first);
    const bool guidance =
        after_heading && first.size() <= 100 && !first.empty() &&
        (first.front() == '(' || first.front() == '[' || is_limit_statement(first)) &&
        stated_limit(first).has_value();
    if (b.kind != BlockKind::Paragraph || line_end == std::string_view::npos ||
        !(capitals_name || guidance)) {
      blocks.push_back(b);
      continue;
    }
    Block name = b, rest = b;
    name.end = b.begin + line_end;
    rest.begin = b.begin + line_end + 1;
    while (rest.begin < rest.end && is_space(doc.prose[rest.begin])) ++rest.begin;
    blocks.push_back(name);
    if (rest.begin < rest.end) blocks.push_back(rest);
  }
  doc.blocks = std::move(blocks);
}

void promote_section_names(Document& doc, const SectionClassifier& classifier) {
  split_first_lines(doc, classifier);
  const auto text_of = [&](const Block& b) {
    return std::string_view(doc.prose).substr(b.begin, b.end - b.begin);
  };
  const auto in_list = [&](std::size_t i) {
    return i < doc.blocks.size() && doc.blocks[i].kind == BlockKind::ListItem;
  };
  // The section names written as paragraphs, or as a numbered line Markdown reads as a list of
  // one ("3) BACKGROUND" between paragraphs), with their kinds, in document order.
  struct Name {
    std::size_t block;
    std::string kind;
    bool numbered;  // "3) BACKGROUND": numbered as the form's sections are
    bool capitals;  // "DISSEMINATION AND IMPACT"
  };
  std::vector<Name> names;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    const std::string_view text = text_of(b);
    const bool capitals =
        std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    // A list of its own: not after another item, and not before one unless it is in capitals
    // ("3) AIMS AND RESEARCH QUESTIONS" over the questions "1. …", "2. …").
    const bool alone_in_list = b.kind == BlockKind::ListItem && !(i > 0 && in_list(i - 1)) &&
                               (capitals || !in_list(i + 1));
    if ((b.kind != BlockKind::Paragraph && !alone_in_list) || b.end - b.begin > 120 ||
        !classifier.is_known_heading(text))
      continue;
    names.push_back({i, classifier.classify(text), alone_in_list, capitals});
  }
  // Whether the names from the n-th on are the rest of an application: three kinds or more
  // besides `kind` (a plan's own parts, "Payment", "Costs", are fewer).
  const auto rest_of_application = [&](std::size_t n, const std::string& kind) {
    std::set<std::string> kinds;
    for (std::size_t k = n; k < names.size(); ++k)
      if (names[k].kind != "other" && names[k].kind != kind) kinds.insert(names[k].kind);
    return kinds.size() >= 3;
  };
  int level = 1;
  int labels_level = 0;  // the level of section names used before any heading, 0 if none
  // The kind of the section the text is in, from the last heading of a known kind ("During the
  // study" under "Patient and public involvement" is still involvement), and its level.
  std::string heading_kind;
  int kind_level = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    Block& b = doc.blocks[i];
    if (b.kind == BlockKind::Heading) {
      level = std::min(b.heading_level + 1, 6);
      const std::string kind = classifier.classify(text_of(b));
      if (kind != "other" || b.heading_level <= kind_level) {
        heading_kind = kind == "other" ? "" : kind;
        kind_level = b.heading_level;
      }
      continue;
    }
    if (n >= names.size() || names[n].block != i) continue;
    const Name& name = names[n++];
    b.kind = BlockKind::Heading;
    b.heading_level = level;
    b.named_line = true;
    if (heading_kind.empty() && labels_level == 0) labels_level = level;
    const bool other_kind =
        !heading_kind.empty() && name.kind != "other" && name.kind != heading_kind;
    // Capitals under a summary may be its own parts ("BACKGROUND", "WHAT WE WILL DO"), which
    // has_summary_parts tells from the application's sections.
    if (other_kind && (name.numbered || (name.capitals && !is_summary_kind(heading_kind)))) {
      // "DISSEMINATION AND IMPACT" or "3) BACKGROUND" after "## Patient and public
      // involvement": the next section, at that heading's level, and a heading for the names
      // under it (twenty-third blind review: both were read as parts of the section before).
      b.heading_level = kind_level;
      level = std::min(b.heading_level + 1, 6);
      heading_kind = name.kind;
    } else if (labels_level > 0 && other_kind && rest_of_application(n - 1, heading_kind)) {
      b.heading_level = labels_level;
      level = labels_level;  // the names after it are at that level again
      heading_kind.clear();
    }
  }
}

// Longer than this, a text said to be one kind of section is a document with sections.
constexpr std::size_t kMaxOneSectionBytes = 20000;  // about 3,000 words

// A text whose first line is a heading naming the other kind with its own checks ("# Patient
// and public involvement" in a file called lay-summary.md) is that kind's text: a heading says
// more than a file name or a setting. Subheadings of other kinds ("Background") do not count:
// summaries have those.
bool titled_as_other_checked_kind(const Document& doc, const SectionClassifier& classifier,
                                  const std::string& kind) {
  static const std::array<std::string_view, 2> kinds_with_own_checks = {"plain-english-summary",
                                                                        "involvement"};
  const auto first = std::find_if(doc.blocks.begin(), doc.blocks.end(), [&](const Block& b) {
    return b.end > b.begin && b.begin >= doc.source.content_begin;
  });
  if (first == doc.blocks.end() || first->kind != BlockKind::Heading) return false;
  const std::string title = classifier.classify(
      std::string_view(doc.prose).substr(first->begin, first->end - first->begin));
  return title != kind && std::find(kinds_with_own_checks.begin(), kinds_with_own_checks.end(),
                                    title) != kinds_with_own_checks.end();
}

// Kinds that only a whole application has a heading for: a summary never has one.
bool is_application_only_kind(const std::string& kind) {
  return kind == "ethics" || kind == "finance" || kind == "team" || kind == "references";
}

// Whether a text said to be `kind` (a summary pasted into the web page, a file named
// summary.md, `--kind`) is that one section whole, its headings ("Background", "What we will
// do") being parts of it: unless it has a heading of that kind itself or one only an
// application has, is titled as the other kind, or is too long for one section. Otherwise a summary
// with subheadings would lose the summary's rules.
bool is_one_section(const Document& doc, const SectionClassifier& classifier,
                    const std::vector<const Block*>& headings, const std::string& kind) {
  if (kind == "document" || kind == "other" || kind == "title" || headings.empty()) return false;
  if (doc.source.bytes.size() - doc.source.content_begin > kMaxOneSectionBytes) return false;
  if (titled_as_other_checked_kind(doc, classifier, kind)) return false;
  for (const Block* h : headings) {
    const std::string heading_kind =
        classifier.classify(std::string_view(doc.prose).substr(h->begin, h->end - h->begin));
    // A summary's parts retell the study; ethics, costs, the team and references are parts of
    // an application only (a file named "..._no_pes_....md" is still the application it holds).
    if (heading_kind == kind || is_application_only_kind(heading_kind)) return false;
  }
  return true;
}

bool is_summary_kind(const std::string& kind) {
  return kind == "plain-english-summary" || kind == "abstract";
}

// Longer than this, a summary heading with subheadings to the end of the text is the start
// of a whole application written with loose heading levels.
constexpr std::size_t kMaxSummaryAloneBytes = 7000;  // about 1,000 words
// A summary's own involvement part is a few sentences; a plan runs to hundreds of words.
constexpr std::size_t kMaxSummaryInvolvementPartBytes = 1200;  // about 180 words

bool is_front_matter(const std::string& kind) { return kind == "title" || kind == "document"; }

// Whether the subsections of the summary doc.sections[i] (up to `last`) are parts of it rather
// than the application's own sections.
// - "## Plain English summary", "### Background", "### Who can take part", then "##
//   Background": closed by a heading at its level, and a subheading names a section that the
//   application also has outside it (the summary retells the application part by part).
// - "# Plain English summary", "## Background", "## What we will do" and nothing else but a
//   title (or an abstract): a summary on its own, short enough for one, with no involvement
//   heading.
// With loose heading levels ("# Plain English summary" then "## Background" to the end of a
// long application) the rest is the application.
bool has_summary_parts(const Document& doc, std::size_t i, std::size_t last, bool flat,
                       const std::map<std::string, std::size_t>& kind_counts) {
  const auto& sections = doc.sections;
  const std::size_t span = sections[last].end - sections[i].begin;
  if (last + 1 == sections.size()) {
    for (std::size_t k = 0; k < i; ++k)
      if (!is_front_matter(sections[k].kind) && !is_summary_kind(sections[k].kind)) return false;
    // An involvement part of a few sentences under the summary's heading is its own ("## Patient
    // and public involvement", as NIHR asks a summary to cover); it stays an involvement passage
    // (find_labelled_passages). A longer one is a real plan, which must keep its own checks; so
    // is one whose level was guessed from a line naming it (it may as well follow the summary).
    // An involvement heading alone under the summary's reads as the next section at a loose
    // level, not as one of the summary's parts. A short question line is one of them ("How have
    // patients helped?", as summary templates ask their parts; twenty-seventh blind review).
    bool other_parts = false;
    for (std::size_t k = i + 1; k <= last; ++k) {
      if (is_application_only_kind(sections[k].kind)) return false;
      const bool short_part =
          sections[k].end - sections[k].heading_end <= kMaxSummaryInvolvementPartBytes;
      const bool asks = !sections[k].title.empty() && sections[k].title.back() == '?';
      other_parts = other_parts || sections[k].kind != "involvement" || asks;
      if (sections[k].kind == "involvement" &&
          ((sections[k].level_guessed && !flat && !asks) || !short_part))
        return false;
    }
    if (!other_parts) return false;
    return span <= kMaxSummaryAloneBytes;
  }
  if (span > kMaxOneSectionBytes) return false;
  std::map<std::string, std::size_t> inside;
  for (std::size_t k = i; k <= last; ++k) ++inside[sections[k].kind];
  for (const auto& [kind, count] : inside)
    if (kind != sections[i].kind && kind_counts.at(kind) > count) return true;
  return false;
}

// Whether a section of this kind right after one of the same kind and level is judged with it:
// funders ask about involvement in two or three questions ("so far", "during the study"), and
// the answers are one plan. A checklist judging each alone would call payment missing from one
// when the other has it.
bool joins_sibling(const std::string& kind) { return kind == "involvement"; }

// Sets each section's parent and unit (Section::parent, unit_first, unit_last) in one pass.
void link_sections(Document& doc) {
  auto& sections = doc.sections;
  std::vector<std::size_t> open;  // enclosing headings, outermost first
  for (std::size_t i = 0; i < sections.size(); ++i) {
    while (!open.empty() && sections[open.back()].level >= sections[i].level) open.pop_back();
    sections[i].parent = open.empty() ? Section::kNoParent : open.back();
    if (sections[i].level > 0) open.push_back(i);
  }
  std::size_t head = 0;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const Section& h = sections[head];
    const Section& s = sections[i];
    const bool continues_unit =
        s.kind == h.kind && (s.level > h.level || (s.level == h.level && joins_sibling(s.kind)));
    if (i == 0 || h.level == 0 || !continues_unit) head = i;
    sections[i].unit_first = head;
    sections[head].unit_last = i;
  }
}

// Whether every section after doc.sections[i] has its heading level.
bool all_at_level_after(const Document& doc, std::size_t i) {
  for (std::size_t k = i + 1; k < doc.sections.size(); ++k)
    if (doc.sections[k].level != doc.sections[i].level) return false;
  return true;
}

void fold_summary_parts(Document& doc) {
  auto& sections = doc.sections;
  std::map<std::string, std::size_t> kind_counts;
  for (const Section& s : sections) ++kind_counts[s.kind];
  for (std::size_t i = 0; i < sections.size(); ++i) {
    // A summary's own subsections are judged with it, not again on their own.
    if (sections[i].level == 0 || !is_summary_kind(sections[i].kind) || under_same_kind(doc, i))
      continue;
    std::size_t last = last_subsection(doc, i, false);
    // Plain text has no heading levels: a summary's part headings ("What we will do") are
    // siblings of its own heading. Read as subheadings, they can make a summary on its own.
    const bool flat = last == i && doc.format == "text" && all_at_level_after(doc, i);
    if (flat) last = sections.size() - 1;
    if (last == i || !has_summary_parts(doc, i, last, flat, kind_counts)) continue;
    for (std::size_t k = i + 1; k <= last; ++k) {
      if (sections[k].kind == "involvement") sections[k].also_kinds.push_back("involvement");
      sections[k].kind = sections[i].kind;
      if (flat) sections[k].level = sections[i].level + 1;
    }
    i = last;
  }
}

bool is_in_capitals(std::string_view title) {
  bool letters = false;
  for (char c : title) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    letters = letters || std::isupper(static_cast<unsigned char>(c));
  }
  return letters;
}

// Plain text, capitals-only headings and Word headings of one style have no levels to nest by:
// "PATIENT AND PUBLIC INVOLVEMENT" with no text of its own, then "INVOLVEMENT SO FAR" and
// "PAYMENT, TRAINING AND SUPPORT" at its level, holding the plan ("METHODS", then "DESIGN" and
// "HEALTH ECONOMICS"). Headings of its kind or of none that follow it are its parts, one level
// below it; read as sections of no kind, the plan had no words and the heading was "empty".
// Only where levels are guessed: in Markdown, LaTeX or HTML a writer who means parts writes a
// lower level, and an empty section followed by an unknown one is a question left unanswered.
void adopt_parts_of_empty_heading(Document& doc) {
  auto& sections = doc.sections;
  const bool levels_guessed =
      doc.format == "text" || doc.format == "pdf" || doc.format == "docx" || doc.format == "odt";
  for (std::size_t i = 0; i + 1 < sections.size(); ++i) {
    const Section& head = sections[i];
    if (head.level == 0 || head.kind == "other" || is_front_matter(head.kind)) continue;
    if (!levels_guessed && !is_in_capitals(head.title)) continue;
    const bool empty =
        std::all_of(doc.prose.begin() + static_cast<std::ptrdiff_t>(head.heading_end),
                    doc.prose.begin() + static_cast<std::ptrdiff_t>(head.end),
                    [](char c) { return is_space(c); });
    if (!empty) continue;
    std::size_t k = i + 1;
    for (; k < sections.size() && sections[k].level == head.level &&
           (sections[k].kind == "other" || sections[k].kind == head.kind);
         ++k) {
      sections[k].kind = head.kind;
      sections[k].level = head.level + 1;
    }
    i = k - 1;
  }
}

// Whether the subsections of an involvement heading (up to `last`) are more likely the rest of
// an application written with loose heading levels than parts of the plan: a summary among them,
// or, when they run to the end under a top-level heading that is not the first, three or more
// of the application's own kinds ("# PPI" over "## Methods", "## Dissemination", "## Budget").
bool looks_like_loose_levels(const Document& doc, std::size_t i, std::size_t last) {
  const auto& sections = doc.sections;
  std::set<std::string> kinds;
  for (std::size_t k = i + 1; k <= last; ++k) {
    if (is_summary_kind(sections[k].kind)) return true;
    if (sections[k].kind != "involvement" && sections[k].kind != "other" &&
        sections[k].kind != "references")
      kinds.insert(sections[k].kind);
  }
  int top_level = sections[i].level;
  std::size_t first = 0;
  while (first < sections.size() && sections[first].level == 0) ++first;
  for (std::size_t k = first; k < sections.size(); ++k)
    top_level = std::min(top_level, sections[k].level);
  return last + 1 == sections.size() && i != first && sections[i].level == top_level &&
         kinds.size() >= 3;
}

// "## Patient and public involvement" over "### Costs", "### Governance and disagreements",
// "### Dissemination": every part of the plan is about involvement (payment, who decides, how
// contributors hear back), not the application's budget, ethics or dissemination. So is every
// part of a report of involvement (GRIPP2 asks for aim, methods, results). References stay.
void fold_involvement_parts(Document& doc) {
  auto& sections = doc.sections;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].level == 0 || sections[i].kind != "involvement") continue;
    const std::size_t last = last_subsection(doc, i, false);
    if (last == i || looks_like_loose_levels(doc, i, last)) continue;
    for (std::size_t k = i + 1; k <= last; ++k)
      if (sections[k].kind != "references") sections[k].kind = "involvement";
    i = last;
  }
}

// A label of a form field: one to four words, the first capitalised ("Declaration", "Note").
bool is_short_name(std::string_view label) {
  label = trim(label);
  if (label.empty() || label.size() > 40 || !std::isupper(static_cast<unsigned char>(label[0])))
    return false;
  return std::count(label.begin(), label.end(), ' ') < 4;
}

// Where a run-in label ends: the byte of the colon in "Public involvement: …", or of a spaced
// dash before a capital ("Public involvement – We …"; not "Methods – like focus groups – are"),
// within the first few words of a paragraph; npos when there is none.
std::size_t label_end(std::string_view text) {
  constexpr std::size_t kMaxLabelBytes = 90;
  const std::size_t window = std::min(text.size(), kMaxLabelBytes);
  for (std::size_t i = 1; i < window; ++i) {
    if (text[i] == ':') return i;
    if (text[i - 1] != ' ') continue;
    std::size_t dash = 0;  // bytes of a dash here: " - ", " – " (U+2013), " — " (U+2014)
    if (text[i] == '-')
      dash = 1;
    else if (text.substr(i, 3) == "\xE2\x80\x93" || text.substr(i, 3) == "\xE2\x80\x94")
      dash = 3;
    if (dash == 0 || i + dash >= text.size() || text[i + dash] != ' ') continue;
    std::size_t next = i + dash;
    while (next < text.size() && text[next] == ' ') ++next;
    if (next < text.size() && std::isupper(static_cast<unsigned char>(text[next]))) return i;
  }
  return std::string_view::npos;
}

struct RunInLabel {
  std::string kind;              // of the label
  std::size_t label_length = 0;  // bytes of the label, without its colon or dash
  std::size_t text_begin = 0;    // where the text after it starts (offset into the paragraph)
};

// Short forms of involvement ("PPI") that this document spells out as something else: "a
// proton pump inhibitor (PPI)". Such a short form says nothing about involvement here.
std::set<std::string> short_forms_used_otherwise(const Document& doc,
                                                 const SectionClassifier& classifier) {
  std::set<std::string> out;
  const std::vector<std::string>& forms = classifier.involvement_short_forms();
  if (forms.empty()) return out;
  std::string lower(doc.prose);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& form : forms)
    for (const std::string& bracketed : {"(" + form + ")", "(" + form + "s)"})
      for (std::size_t at = lower.find(bracketed); at != std::string::npos;
           at = lower.find(bracketed, at + 1)) {
        const std::size_t from = at > 60 ? at - 60 : 0;
        const std::string_view before = std::string_view(lower).substr(from, at - from);
        if (before.find("involvement") == std::string_view::npos &&
            before.find("engagement") == std::string_view::npos)
          out.insert(form);
      }
  return out;
}

// "Patient and public involvement: we will…": a paragraph led by a section's name. With
// `any_name`, a short capitalised label of no known kind too ("Declaration:", "Note:"): in a
// form laid out with run-in labels, it ends the section before it.
std::optional<RunInLabel> run_in_label(std::string_view text, const SectionClassifier& classifier,
                                       const std::set<std::string>& not_involvement,
                                       bool any_name = false) {
  const std::size_t end_of_label = label_end(text);
  if (end_of_label == std::string_view::npos) return std::nullopt;
  const std::string_view label = text.substr(0, end_of_label);
  RunInLabel out;
  if (classifier.is_known_heading(label)) {
    out.kind = classifier.classify(label);
    if (not_involvement.count(SectionClassifier::normalise(label))) return std::nullopt;
  } else if (any_name && text[end_of_label] == ':' && is_short_name(label)) {
    out.kind = "other";
  } else {
    return std::nullopt;
  }
  if (out.kind == "other" && !any_name) return std::nullopt;
  out.label_length = end_of_label;
  while (out.label_length > 0 && is_space(text[out.label_length - 1])) --out.label_length;
  std::size_t after = end_of_label + 1;                                                  // ':' '-'
  if (text[end_of_label] != ':' && text[end_of_label] != '-') after = end_of_label + 3;  // – —
  while (after < text.size() && is_space(text[after])) ++after;
  if (after >= text.size()) return std::nullopt;
  out.text_begin = after;
  return out;
}

// Where the text of a paragraph splits into parts for finding involvement in it: at line breaks
// after a full stop, question or exclamation mark (a summary pasted line by line has a line a
// sentence; hard-wrapped prose breaks mid-sentence and stays whole).
std::vector<std::pair<std::size_t, std::size_t>> line_parts(std::string_view prose,
                                                            std::size_t begin, std::size_t end) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  std::size_t from = begin;
  for (std::size_t i = begin; i < end; ++i) {
    if (prose[i] != '\n') continue;
    std::size_t last = i;
    while (last > from && is_space(prose[last - 1])) --last;
    if (last > from &&
        (prose[last - 1] == '.' || prose[last - 1] == '!' || prose[last - 1] == '?')) {
      parts.emplace_back(from, last);
      from = i + 1;
      while (from < end && is_space(prose[from])) ++from;
    }
  }
  if (from < end) parts.emplace_back(from, end);
  return parts;
}

// The sentences of a part of a paragraph, roughly (sections are found before the text is
// segmented): each ends at '.', '!' or '?' followed by a space and a capital letter or a digit.
std::vector<std::pair<std::size_t, std::size_t>> rough_sentences(std::string_view prose,
                                                                 std::size_t begin,
                                                                 std::size_t end) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t from = begin;
  for (std::size_t i = begin; i + 2 < end; ++i) {
    if (prose[i] != '.' && prose[i] != '!' && prose[i] != '?') continue;
    if (!is_space(prose[i + 1])) continue;
    std::size_t next = i + 1;
    while (next < end && is_space(prose[next])) ++next;
    if (next >= end) break;
    const auto c = static_cast<unsigned char>(prose[next]);
    if (!std::isupper(c) && !std::isdigit(c)) continue;
    out.emplace_back(from, i + 1);
    from = next;
  }
  if (from < end) out.emplace_back(from, end);
  return out;
}

// "PPI: patient and public involvement, …" in a glossary, or a labelled note in Background or
// the references: the label is explained or reported there, not answered. (Sixteenth blind
// review: a glossary's "PPI: … saying PPI will be sought is not a plan" drew tokenism findings.)
bool is_definition(const Document& doc, std::size_t at, std::string_view label,
                   std::string_view after_label, const std::string& label_kind,
                   const SectionClassifier& classifier) {
  const Section& section = doc.sections[doc.section_at(at)];
  if (section.kind == "background" || section.kind == "references") return true;
  std::string title = section.title;
  for (char& c : title) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word : {"glossary", "abbreviation", "acronym", "definition", "key terms"})
    if (title.find(word) != std::string::npos) return true;
  // Spelt out: a longer name of the same kind follows ("PPI: patient and public involvement");
  // "Patient and public involvement: PPI will be sought" answers the label instead.
  return classifier.alias_at_start(after_label, label_kind) >
         SectionClassifier::normalise(label).size();
}

// Paragraphs and list items led by a section's name ("Patient and public involvement: we
// will…") inside a section of another kind: parts of that kind, for rules that judge words.
void find_labelled_passages(Document& doc, const SectionClassifier& classifier) {
  doc.passages.clear();
  const std::string_view prose(doc.prose);
  const std::set<std::string> not_involvement = short_forms_used_otherwise(doc, classifier);
  // A summary's own involvement part (fold_summary_parts) is one passage, whole.
  const auto involvement_part = [](const Section& s) {
    return is_summary_kind(s.kind) &&
           std::find(s.also_kinds.begin(), s.also_kinds.end(), "involvement") != s.also_kinds.end();
  };
  for (const Section& s : doc.sections)
    if (involvement_part(s) && s.end > s.heading_end)
      doc.passages.push_back({"involvement", s.heading_end, s.end});
  for (const Block& b : doc.blocks) {
    if (b.kind != BlockKind::Paragraph && b.kind != BlockKind::ListItem) continue;
    std::size_t begin = b.begin;
    while (begin < b.end && is_space(prose[begin])) ++begin;
    const std::string_view text = prose.substr(begin, b.end - begin);
    const Section& section = doc.sections[doc.section_at(begin)];
    if (involvement_part(section)) continue;
    const std::string& section_kind = section.kind;
    if (const std::optional<RunInLabel> label = run_in_label(text, classifier, not_involvement)) {
      if (label->kind != section_kind && label->kind != "title" &&
          !is_definition(doc, begin, text.substr(0, label->label_length),
                         text.substr(label->text_begin), label->kind, classifier))
        doc.passages.push_back({label->kind, begin + label->text_begin, b.end});
      continue;
    }
    // A summary (or a text with no headings) that tells of involvement in a paragraph of its
    // own: "PPI will be sought" there is the plan a public reviewer reads. Without the name,
    // a sentence in words only involvement uses ("A lay representative will sit on the steering
    // committee") is such a passage on its own: the rest of the paragraph may be about the
    // people taking part, which is not involvement and must not be judged as such.
    if (!is_summary_kind(section_kind) && section_kind != "document") continue;
    for (const auto& [from, to] : line_parts(prose, begin, b.end)) {
      if (classifier.mentions_involvement(prose.substr(from, to - from), not_involvement)) {
        doc.passages.push_back({"involvement", from, to});
        continue;
      }
      for (const auto& [first, last] : rough_sentences(prose, from, to))
        if (classifier.tells_of_involvement(prose.substr(first, last - first)))
          doc.passages.push_back({"involvement", first, last});
    }
  }
  std::stable_sort(
      doc.passages.begin(), doc.passages.end(),
      [](const LabelledPassage& a, const LabelledPassage& b) { return a.begin < b.begin; });
}

// A form pasted as text ("Plain English summary: Women from…", "Public involvement: We…") has
// its section names at the start of paragraphs, with no heading of a known kind: each such
// label is that section's heading. It takes labels of two kinds at least, one of them the
// summary or the involvement plan (what a funder's form asks for): one "Aims: …" line in a
// letter, or a structured abstract's "Background: … Methods: …", stays as it is. Then other
// short labels ("Declaration:") are headings too, so their text does not join the section
// before. Once a heading names a section kind, the document has headings, and a label under
// one is a passage (find_labelled_passages).
void split_run_in_headings(Document& doc, const SectionClassifier& classifier) {
  const std::string_view prose(doc.prose);
  const std::set<std::string> not_involvement = short_forms_used_otherwise(doc, classifier);
  std::vector<std::pair<std::size_t, RunInLabel>> labelled;  // block index, label
  std::set<std::string> kinds;
  int level = 1;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (b.kind == BlockKind::Heading) {
      const std::string kind = classifier.classify(prose.substr(b.begin, b.end - b.begin));
      if (kind != "other" && kind != "title") break;
      level = std::min(b.heading_level + 1, 6);
      continue;
    }
    if (b.kind != BlockKind::Paragraph) continue;
    std::size_t begin = b.begin;
    while (begin < b.end && is_space(prose[begin])) ++begin;
    if (auto label =
            run_in_label(prose.substr(begin, b.end - begin), classifier, not_involvement, true)) {
      label->text_begin += begin;
      label->label_length += begin;  // now byte offsets: heading [begin, label_length)
      kinds.insert(label->kind);
      labelled.emplace_back(i, std::move(*label));
    }
  }
  kinds.erase("other");
  if (kinds.size() < 2 || (!kinds.count("plain-english-summary") && !kinds.count("involvement")))
    return;
  std::vector<Block> blocks;
  blocks.reserve(doc.blocks.size() + labelled.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (next < labelled.size() && labelled[next].first == i) {
      const Block& b = doc.blocks[i];
      const RunInLabel& label = labelled[next++].second;
      std::size_t heading_begin = b.begin;
      while (is_space(prose[heading_begin])) ++heading_begin;
      blocks.push_back({BlockKind::Heading, heading_begin, label.label_length, level});
      blocks.push_back({BlockKind::Paragraph, label.text_begin, b.end, 0});
    } else {
      blocks.push_back(doc.blocks[i]);
    }
  }
  doc.blocks = std::move(blocks);
}

}  // namespace

namespace {

// Whether a subheading takes the kind of the heading it sits under rather than its own: an
// unknown one ("What we learned") always; under Background, all but an exact section name:
// "Public involvement in previous trials" reviews other studies, while "Patient and public
// involvement" there is the plan. (Parts of an involvement plan: fold_involvement_parts.)
// Under Methods, a heading that names another kind only by words inside it ("Integration and
// co-production": stakeholder workshops) is a methods step when the application names that
// section elsewhere (thirtieth blind review: a second involvement plan, told it was not
// co-produced); with no such section, it is the plan ("Involving people with lived experience").
bool inherits_parent_kind(const Section& s, const std::string& parent_kind,
                          const SectionClassifier& classifier,
                          const std::set<std::string>& kinds_named_by_headings) {
  if (s.kind == "other") return true;
  if (parent_kind == "methods")
    return classifier.is_named_by_words_only(s.title) && kinds_named_by_headings.count(s.kind);
  return parent_kind == "background" && s.kind != "references" &&
         !classifier.is_exact_alias(s.title);
}

// The kinds of the headings that start with a section's name ("Patient and public involvement").
std::set<std::string> kinds_named_by_headings(const Document& doc,
                                              const SectionClassifier& classifier,
                                              const std::vector<const Block*>& headings) {
  std::set<std::string> kinds;
  for (const Block* h : headings) {
    const std::string_view title =
        trim(std::string_view(doc.prose).substr(h->begin, h->end - h->begin));
    if (!classifier.is_named_by_words_only(title)) kinds.insert(classifier.classify(title));
  }
  kinds.erase("other");
  return kinds;
}

// The first heading, alone at the top level over the application's own sections, is its title:
// "# How does co-production work in mental health services?" over "## Plain English summary",
// "## Patient and public involvement"… is no involvement plan, though it names one (seventeenth
// blind review: a "0 of 13" checklist and a co-production claim on a title). It is one when a
// heading under it is of its kind too, or is a summary. An exact section name stays that
// section ("# Patient and public involvement" over its parts), and so does a report of
// involvement over its aim, methods and results.
bool is_title_heading(const Document& doc, const SectionClassifier& classifier,
                      const std::vector<const Block*>& headings, const Section& first) {
  if (first.level != 1 || headings.size() < 2) return false;
  if (first.kind == "other") return true;
  if (classifier.is_exact_alias(first.title)) return false;
  bool names_its_kind_again = false;
  for (std::size_t i = 1; i < headings.size(); ++i) {
    if (headings[i]->heading_level <= 1) return false;
    const std::string kind = classifier.classify(trim(std::string_view(doc.prose).substr(
        headings[i]->begin, headings[i]->end - headings[i]->begin)));
    names_its_kind_again = names_its_kind_again || kind == first.kind || is_summary_kind(kind);
  }
  return names_its_kind_again;
}

// The text before the first heading: of the kind a heading-less text would be, unless a heading
// of the document is of that kind itself (a form saved as "…-ppi.txt", with its own "SECTION 9:
// PUBLIC INVOLVEMENT"): then it is the form's front matter, not a second involvement plan.
std::string preamble_kind(const Document& doc, const SectionClassifier& classifier,
                          const std::vector<const Block*>& headings,
                          const std::string& headless_kind) {
  if (headless_kind == "document") return headless_kind;
  for (const Block* h : headings)
    if (classifier.classify(
            trim(std::string_view(doc.prose).substr(h->begin, h->end - h->begin))) == headless_kind)
      return "document";
  return headless_kind;
}

// A preamble that is one short line with no full stop, above headings of an application's own
// sections: the title, as a Markdown "# Title" would be (plain text and Word files without a
// Title style have no other way to say so). Its words are the study's name, not prose to judge.
bool is_title_line(const Document& doc, const SectionClassifier& classifier,
                   const std::vector<const Block*>& headings, std::size_t begin, std::size_t end) {
  constexpr std::size_t kMaxTitleWords = 30;
  const Block* only = nullptr;
  for (const Block& b : doc.blocks) {
    if (b.end <= begin || b.begin >= end) continue;
    if (only != nullptr) return false;
    only = &b;
  }
  if (only == nullptr || only->kind != BlockKind::Paragraph) return false;
  const std::string_view text =
      trim(std::string_view(doc.prose).substr(only->begin, only->end - only->begin));
  if (text.empty() || text.find('\n') != std::string_view::npos) return false;
  if (text.back() == '.' || text.back() == ':' || text.back() == ';' || text.back() == ',')
    return false;
  if (static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) + 1 > kMaxTitleWords)
    return false;
  return std::any_of(headings.begin(), headings.end(), [&](const Block* h) {
    const std::string kind =
        classifier.classify(trim(std::string_view(doc.prose).substr(h->begin, h->end - h->begin)));
    return kind != "other" && kind != "document" && kind != "title";
  });
}

// Where the section of a heading starts: its line's start, unless text comes before the heading
// on that line (one-line HTML, "… end of the summary. \section{Methods}" in LaTeX): then just
// after the last visible text before it, so neither section takes the other's words.
std::size_t section_start(const Document& doc, std::size_t heading_begin) {
  const std::size_t line_start = doc.lines.line_start(doc.lines.line_of(heading_begin));
  std::size_t boundary = heading_begin;
  while (boundary > line_start &&
         (is_space(doc.prose[boundary - 1]) || doc.prose[boundary - 1] == '\f' ||
          doc.prose[boundary - 1] == '\v'))
    --boundary;
  return boundary;
}

}  // namespace

void build_sections(Document& doc, const SectionClassifier& classifier,
                    const std::string& headless_kind) {
  doc.sections.clear();
  promote_section_names(doc, classifier);
  if (headless_kind == "document") split_run_in_headings(doc, classifier);
  const std::size_t doc_begin = doc.source.content_begin;
  const std::size_t doc_end = doc.source.bytes.size();
  std::vector<const Block*> headings;
  for (const Block& b : doc.blocks)
    if (b.kind == BlockKind::Heading) headings.push_back(&b);
  if (is_one_section(doc, classifier, headings, headless_kind)) {
    Section whole;
    whole.kind = headless_kind;
    whole.begin = doc_begin;
    whole.end = doc_end;
    doc.sections.push_back(whole);
    link_sections(doc);
    find_labelled_passages(doc, classifier);
    return;
  }

  const std::size_t first_heading_start =
      headings.empty() ? doc_end : section_start(doc, headings.front()->begin);
  bool preamble_has_text = false;
  for (std::size_t i = doc_begin; i < first_heading_start; ++i)
    if (!is_space(doc.prose[i])) {
      preamble_has_text = true;
      break;
    }
  if (headings.empty() || preamble_has_text) {
    Section s;
    s.kind = preamble_kind(doc, classifier, headings, headless_kind);
    s.begin = doc_begin;
    s.end = first_heading_start;
    if (s.kind == "document" && is_title_line(doc, classifier, headings, s.begin, s.end))
      s.kind = "title";
    doc.sections.push_back(s);
  }

  // Kinds of the enclosing headings, so an unknown subheading inherits its parent's kind.
  std::vector<std::pair<int, std::string>> open;
  const std::set<std::string> named_kinds = kinds_named_by_headings(doc, classifier, headings);
  for (std::size_t i = 0; i < headings.size(); ++i) {
    const Block& h = *headings[i];
    Section s;
    s.title = std::string(trim(std::string_view(doc.prose).substr(h.begin, h.end - h.begin)));
    s.level = h.heading_level;
    s.level_guessed = h.named_line;
    s.heading_begin = h.begin;
    s.heading_end = h.end;
    s.begin = std::max(section_start(doc, h.begin), doc_begin);
    s.end = i + 1 < headings.size() ? section_start(doc, headings[i + 1]->begin) : doc_end;
    while (!open.empty() && open.back().first >= s.level) open.pop_back();
    s.kind = classifier.classify(s.title);
    if (!open.empty() && inherits_parent_kind(s, open.back().second, classifier, named_kinds))
      s.kind = open.back().second;
    s.also_kinds = classifier.kinds_of_parts(s.title, s.kind);
    if (i == 0 && is_title_heading(doc, classifier, headings, s)) s.kind = "title";
    open.emplace_back(s.level, s.kind == "title" ? std::string("other") : s.kind);
    doc.sections.push_back(std::move(s));
  }
  adopt_parts_of_empty_heading(doc);
  link_sections(doc);
  fold_summary_parts(doc);
  fold_involvement_parts(doc);
  link_sections(doc);  // the units again, with the kinds folded
  find_labelled_passages(doc, classifier);
}

}  // namespace sayso
