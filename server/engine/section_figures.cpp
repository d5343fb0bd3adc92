#include "engine/section_figures.h"

#include <algorithm>

#include "core/sections.h"
#include "engine/kinds/kind.h"
#include "engine/linter.h"
#include "engine/text_stats.h"

namespace sayso {

std::size_t Checklist::present_count() const {
  return static_cast<std::size_t>(
      std::count_if(items.begin(), items.end(), [](const ChecklistItem& i) { return i.present; }));
}

std::vector<const ChecklistItem*> SectionFigures::evidence_items() const {
  std::vector<const ChecklistItem*> items;
  for (const Checklist& list : checklists)
    for (const ChecklistItem& item : list.items)
      if (!item.left_to_other) items.push_back(&item);
  return items;
}

std::size_t SectionFigures::evidence_present() const {
  const auto items = evidence_items();
  return static_cast<std::size_t>(
      std::count_if(items.begin(), items.end(), [](const ChecklistItem* i) { return i->present; }));
}

namespace {

// A section is measured with its subsections of the same kind: a summary split by
// subheadings is one summary.
SectionFigures measure_section(const Document& doc, std::size_t index) {
  const Section& s = doc.sections[index];
  const std::size_t last = last_subsection(doc, index, true);
  const std::size_t end = doc.sections[last].end;
  SectionFigures f;
  f.section = index;
  f.kind = s.kind;
  f.title = s.title;
  f.words = doc.word_count(s.begin, end);
  for (std::size_t i = index; i <= last; ++i) {
    const Section& part = doc.sections[i];
    if (part.has_heading())
      f.words -= std::min(f.words, doc.word_count(part.heading_begin, part.heading_end));
  }
  TextStats stats = measure(doc, s.begin, end);
  f.sentences = stats.sentences;
  f.average_sentence_words = stats.average_sentence_words();
  f.reading_age = stats.words ? stats.reading_age() : 0;
  f.flesch_reading_ease = stats.flesch_reading_ease();
  f.passive_sentences = stats.passive_sentences;
  for (const Sentence& sentence : doc.sentences) {
    if (sentence.begin < s.begin || sentence.begin >= end) continue;
    if (doc.blocks[sentence.block].kind == BlockKind::Heading) continue;
    f.longest_sentence_words =
        std::max<std::size_t>(f.longest_sentence_words, sentence.last_token - sentence.first_token);
  }
  return f;
}

}  // namespace

std::vector<SectionFigures> section_figures(const Linter& linter, const Document& doc) {
  std::vector<SectionFigures> figures;
  for (std::size_t i = 0; i < doc.sections.size(); ++i) figures.push_back(measure_section(doc, i));
  linter.visit_checks(doc, [&](const CheckContext& ctx) {
    for (std::size_t section : ctx.sections)
      ctx.rule.check->describe(ctx, section, figures[section]);
  });
  return figures;
}

}  // namespace sayso
