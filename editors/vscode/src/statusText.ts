// The status bar text for the active document, from the server's `sayso/documentSummary` answer.
// Pure logic: no `vscode` import, so it is unit-tested with Node's test runner.

export interface SectionSummary {
  title: string;
  kind: string;
  words: number;
  wordLimit: number | null;
  readingAge: number | null;
  /** The involvement checklist's count, as its finding gives it ("covers 9 of 13"). */
  evidencePresent: number | null;
  evidenceTotal: number | null;
  /** The UK Standards hints' points, counted apart from the checklist (null from older servers). */
  otherPointsPresent: number | null;
  otherPointsTotal: number | null;
  involvementLevel: string | null;
  /** The level in plain words, "asking views (consult)" (null from older servers). */
  involvementLevelWords: string | null;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export interface DocumentSummary {
  sections: SectionSummary[];
  counts: SeverityCounts;
}

export type StatusLevel = 'error' | 'warning' | 'ok';

export interface StatusView {
  text: string;
  /** Markdown: one line per section. */
  tooltip: string;
  level: StatusLevel;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** Checks the server's answer; null when it is not a summary at all. Missing fields become null. */
export function parseDocumentSummary(value: unknown): DocumentSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (!Array.isArray(record.sections)) return null;
  const sections: SectionSummary[] = [];
  for (const item of record.sections) {
    if (typeof item !== 'object' || item === null) continue;
    const s = item as Record<string, unknown>;
    sections.push({
      title: typeof s.title === 'string' ? s.title : '',
      kind: typeof s.kind === 'string' ? s.kind : 'other',
      words: count(s.words),
      wordLimit: numberOrNull(s.wordLimit),
      readingAge: numberOrNull(s.readingAge),
      evidencePresent: numberOrNull(s.evidencePresent),
      evidenceTotal: numberOrNull(s.evidenceTotal),
      otherPointsPresent: numberOrNull(s.otherPointsPresent),
      otherPointsTotal: numberOrNull(s.otherPointsTotal),
      involvementLevel: stringOrNull(s.involvementLevel),
      involvementLevelWords: stringOrNull(s.involvementLevelWords),
    });
  }
  const c = (typeof record.counts === 'object' && record.counts !== null ? record.counts : {}) as Record<string, unknown>;
  return {
    sections,
    counts: { error: count(c.error), warning: count(c.warning), info: count(c.info), hint: count(c.hint) },
  };
}

/**
 * The section the status bar is about: the plain-English summary (what panels and public
 * reviewers read first), else the involvement section, else the first section with a word limit.
 */
export function primarySection(sections: SectionSummary[]): SectionSummary | undefined {
  return (
    sections.find((s) => s.kind === 'plain-english-summary') ??
    sections.find((s) => s.kind === 'involvement') ??
    sections.find((s) => s.wordLimit !== null)
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 errors, 1 warning", or "3 suggestions" (info and hints), or "no findings". */
export function countsText(counts: SeverityCounts): string {
  const parts: string[] = [];
  if (counts.error > 0) parts.push(plural(counts.error, 'error', 'errors'));
  if (counts.warning > 0) parts.push(plural(counts.warning, 'warning', 'warnings'));
  if (parts.length === 0) {
    const gentle = counts.info + counts.hint;
    return gentle > 0 ? plural(gentle, 'suggestion', 'suggestions') : 'no findings';
  }
  return parts.join(', ');
}

function wordsText(section: SectionSummary): string {
  return section.wordLimit !== null ? `${section.words}/${section.wordLimit} words` : plural(section.words, 'word', 'words');
}

function hasEvidence(section: SectionSummary): boolean {
  return section.evidenceTotal !== null && section.evidenceTotal > 0 && section.evidencePresent !== null;
}

function sectionLine(section: SectionSummary): string {
  const parts = [section.wordLimit !== null ? `${section.words} / ${section.wordLimit} words` : plural(section.words, 'word', 'words')];
  if (section.readingAge !== null) parts.push(`reading age ${Math.round(section.readingAge)}`);
  if (hasEvidence(section)) parts.push(`evidence ${section.evidencePresent} of ${section.evidenceTotal}`);
  if (section.otherPointsTotal !== null && section.otherPointsTotal > 0 && section.otherPointsPresent !== null) {
    parts.push(`other points ${section.otherPointsPresent} of ${section.otherPointsTotal}`);
  }
  const level = section.involvementLevelWords ?? section.involvementLevel;
  if (level !== null) parts.push(`involvement level: ${level}`);
  const title = section.title !== '' ? section.title : section.kind;
  return `- **${escapeMarkdown(title)}** (${section.kind}): ${parts.join(' · ')}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|]/g, (c) => `\\${c}`);
}

export function formatStatus(summary: DocumentSummary): StatusView {
  const parts: string[] = [];
  const primary = primarySection(summary.sections);
  if (primary) {
    parts.push(wordsText(primary));
    if (primary.readingAge !== null) parts.push(`RA ${Math.round(primary.readingAge)}`);
    if (primary.kind === 'involvement' && hasEvidence(primary)) {
      parts.push(`evidence ${primary.evidencePresent}/${primary.evidenceTotal}`);
    }
  }
  parts.push(countsText(summary.counts));

  const level: StatusLevel = summary.counts.error > 0 ? 'error' : summary.counts.warning > 0 ? 'warning' : 'ok';
  const lines = ['**sayso**', '', ...summary.sections.map(sectionLine)];
  if (summary.sections.length === 0) lines.push('No sections found.');
  lines.push('', `Findings: ${countsText(summary.counts)}.`);
  return { text: `$(book) ${parts.join(' · ')}`, tooltip: lines.join('\n'), level };
}

/** Counts by severity name, for when the server cannot give a summary. */
export function countSeverities(severities: Iterable<keyof SeverityCounts>): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const severity of severities) counts[severity] += 1;
  return counts;
}
