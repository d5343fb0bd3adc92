// Which rules the "explain rule" command offers: those of the findings under the cursor first.
// Pure logic: no `vscode` import, so it is unit-tested with Node's test runner.

export interface Position {
  line: number;
  character: number;
}

export interface FindingLike {
  ruleId: string | undefined;
  start: Position;
  end: Position;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether `position` is inside the finding; its end counts, so a cursor just after a word does. */
export function containsPosition(finding: FindingLike, position: Position): boolean {
  return !before(position, finding.start) && !before(finding.end, position);
}

/** Rule ids of the findings at `position` (first), then of every other finding; no repeats. */
export function ruleIdsForExplain(findings: FindingLike[], position: Position): { atCursor: string[]; others: string[] } {
  const atCursor: string[] = [];
  const others: string[] = [];
  for (const finding of findings) {
    if (!finding.ruleId) continue;
    if (containsPosition(finding, position)) {
      if (!atCursor.includes(finding.ruleId)) atCursor.push(finding.ruleId);
    }
  }
  for (const finding of findings) {
    if (!finding.ruleId || atCursor.includes(finding.ruleId) || others.includes(finding.ruleId)) continue;
    others.push(finding.ruleId);
  }
  others.sort();
  return { atCursor, others };
}

/** A diagnostic's `code` as VS Code gives it: a string, a number, or `{ value, target }`. */
export function ruleIdFromCode(code: unknown): string | undefined {
  if (typeof code === 'string' && code !== '') return code;
  if (typeof code === 'number') return String(code);
  if (typeof code === 'object' && code !== null && 'value' in code) {
    return ruleIdFromCode((code as { value: unknown }).value);
  }
  return undefined;
}

/** The Markdown answer of `sayso.explainRule`: a string, or an object with `markdown`/`value`. */
export function explanationText(result: unknown): string | undefined {
  if (typeof result === 'string' && result.trim() !== '') return result;
  if (typeof result === 'object' && result !== null) {
    const record = result as Record<string, unknown>;
    for (const key of ['markdown', 'value', 'contents']) {
      if (typeof record[key] === 'string' && (record[key] as string).trim() !== '') return record[key] as string;
    }
  }
  return undefined;
}
