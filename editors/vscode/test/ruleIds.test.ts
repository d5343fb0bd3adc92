import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { containsPosition, explanationText, ruleIdFromCode, ruleIdsForExplain } from '../src/ruleIds';

const at = (line: number, character: number) => ({ line, character });
const findings = [
  { ruleId: 'plain-english.utilise', start: at(2, 8), end: at(2, 15) },
  { ruleId: 'spelling.unknown-word', start: at(2, 8), end: at(2, 15) },
  { ruleId: 'involvement.vague-plans', start: at(6, 0), end: at(7, 4) },
  { ruleId: 'plain-english.utilise', start: at(9, 1), end: at(9, 8) },
  { ruleId: undefined, start: at(2, 0), end: at(2, 40) },
];

describe('rule ids for "explain rule"', () => {
  it('puts the findings under the cursor first, without repeats', () => {
    assert.deepEqual(ruleIdsForExplain(findings, at(2, 10)), {
      atCursor: ['plain-english.utilise', 'spelling.unknown-word'],
      others: ['involvement.vague-plans'],
    });
  });

  it('counts the ends of a finding and findings over several lines', () => {
    assert.ok(containsPosition(findings[0], at(2, 15)));
    assert.ok(containsPosition(findings[0], at(2, 8)));
    assert.ok(!containsPosition(findings[0], at(2, 16)));
    assert.ok(containsPosition(findings[2], at(6, 90)));
    assert.ok(!containsPosition(findings[2], at(7, 5)));
  });

  it('offers every rule when the cursor is on none', () => {
    assert.deepEqual(ruleIdsForExplain(findings, at(0, 0)), {
      atCursor: [],
      others: ['involvement.vague-plans', 'plain-english.utilise', 'spelling.unknown-word'],
    });
  });

  it('reads diagnostic codes and explanations in their usual shapes', () => {
    assert.equal(ruleIdFromCode('acronyms.unexplained'), 'acronyms.unexplained');
    assert.equal(ruleIdFromCode({ value: 'acronyms.unexplained', target: 'https://example.org' }), 'acronyms.unexplained');
    assert.equal(ruleIdFromCode(undefined), undefined);
    assert.equal(explanationText('# utilise\nWhy.'), '# utilise\nWhy.');
    assert.equal(explanationText({ markdown: '# Why' }), '# Why');
    assert.equal(explanationText({ kind: 'markdown', value: '# Why' }), '# Why');
    assert.equal(explanationText(null), undefined);
    assert.equal(explanationText('  '), undefined);
  });
});
