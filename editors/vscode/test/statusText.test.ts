import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { countSeverities, countsText, formatStatus, parseDocumentSummary, primarySection, SectionSummary } from '../src/statusText';

function section(fields: Partial<SectionSummary>): SectionSummary {
  return {
    title: 'Background', kind: 'background', words: 0, wordLimit: null, readingAge: null,
    evidencePresent: null, evidenceTotal: null, otherPointsPresent: null, otherPointsTotal: null,
    involvementLevel: null, involvementLevelWords: null, ...fields,
  };
}

const summarySection = section({ title: 'Plain English summary', kind: 'plain-english-summary', words: 287, wordLimit: 300, readingAge: 11.4 });
const involvementSection = section({
  title: 'Patient and public involvement', kind: 'involvement', words: 412, readingAge: 13,
  evidencePresent: 9, evidenceTotal: 13, otherPointsPresent: 1, otherPointsTotal: 3,
  involvementLevel: 'consult', involvementLevelWords: 'asking views (consult)',
});

describe('status bar text', () => {
  it('shows the plain-English summary words, reading age and findings', () => {
    const view = formatStatus({ sections: [involvementSection, summarySection], counts: { error: 0, warning: 2, info: 1, hint: 4 } });
    assert.equal(view.text, '$(book) 287/300 words · RA 11 · 2 warnings');
    assert.equal(view.level, 'warning');
    assert.match(view.tooltip, /\*\*Plain English summary\*\* \(plain-english-summary\): 287 \/ 300 words · reading age 11/);
    assert.match(view.tooltip, /\*\*Patient and public involvement\*\* \(involvement\): 412 words · reading age 13 · evidence 9 of 13 · other points 1 of 3 · involvement level: asking views \(consult\)/);
  });

  it('shows evidence for an involvement section on its own', () => {
    const view = formatStatus({ sections: [involvementSection], counts: { error: 1, warning: 1, info: 0, hint: 0 } });
    assert.equal(view.text, '$(book) 412 words · RA 13 · evidence 9/13 · 1 error, 1 warning');
    assert.equal(view.level, 'error');
  });

  it('falls back to the first section with a word limit, then to the counts alone', () => {
    const limited = section({ title: 'Abstract', kind: 'abstract', words: 1, wordLimit: 500 });
    assert.equal(primarySection([section({ words: 40 }), limited]), limited);
    assert.equal(formatStatus({ sections: [section({ words: 40 }), limited], counts: { error: 0, warning: 0, info: 0, hint: 0 } }).text,
      '$(book) 1/500 words · no findings');
    const bare = formatStatus({ sections: [], counts: { error: 0, warning: 0, info: 2, hint: 1 } });
    assert.equal(bare.text, '$(book) 3 suggestions');
    assert.equal(bare.level, 'ok');
    assert.match(bare.tooltip, /No sections found/);
  });

  it('counts in plain words', () => {
    assert.equal(countsText({ error: 2, warning: 0, info: 5, hint: 0 }), '2 errors');
    assert.equal(countsText({ error: 0, warning: 0, info: 0, hint: 1 }), '1 suggestion');
    assert.equal(countsText({ error: 0, warning: 0, info: 0, hint: 0 }), 'no findings');
    assert.deepEqual(countSeverities(['warning', 'hint', 'warning']), { error: 0, warning: 2, info: 0, hint: 1 });
  });

  it('escapes Markdown in section titles', () => {
    const view = formatStatus({ sections: [section({ title: 'Aims *and* [objectives]', kind: 'aims' })], counts: { error: 0, warning: 0, info: 0, hint: 0 } });
    assert.match(view.tooltip, /Aims \\\*and\\\* \\\[objectives\\\]/);
  });
});

describe('documentSummary answers', () => {
  it('reads the contract shape', () => {
    const parsed = parseDocumentSummary({
      sections: [{ title: 'Plain English summary', kind: 'plain-english-summary', words: 287, wordLimit: 300, readingAge: 11,
        evidencePresent: null, evidenceTotal: null, involvementLevel: null }],
      counts: { error: 0, warning: 2, info: 0, hint: 3 },
    });
    assert.deepEqual(parsed, {
      sections: [section({ title: 'Plain English summary', kind: 'plain-english-summary', words: 287, wordLimit: 300, readingAge: 11 })],
      counts: { error: 0, warning: 2, info: 0, hint: 3 },
    });
  });

  it('reads the other points and the involvement level in plain words', () => {
    const parsed = parseDocumentSummary({
      sections: [{ title: 'PPI', kind: 'involvement', words: 31, wordLimit: null, readingAge: 12,
        evidencePresent: 1, evidenceTotal: 13, otherPointsPresent: 2, otherPointsTotal: 3,
        involvementLevel: 'consult', involvementLevelWords: 'asking views (consult)' }],
      counts: { error: 0, warning: 1, info: 0, hint: 0 },
    });
    assert.ok(parsed);
    assert.match(formatStatus(parsed).tooltip,
      /31 words · reading age 12 · evidence 1 of 13 · other points 2 of 3 · involvement level: asking views \(consult\)/);
    // An older server sends the level alone.
    const older = formatStatus({ sections: [section({ kind: 'involvement', involvementLevel: 'consult' })], counts: parsed.counts });
    assert.match(older.tooltip, /involvement level: consult/);
  });

  it('tolerates missing fields and rejects what is not a summary', () => {
    assert.deepEqual(parseDocumentSummary({ sections: [{ kind: 'aims' }, 'junk'] }), {
      sections: [section({ title: '', kind: 'aims' })],
      counts: { error: 0, warning: 0, info: 0, hint: 0 },
    });
    for (const bad of [null, 'text', 42, {}, { sections: 'none' }]) assert.equal(parseDocumentSummary(bad), null);
  });
});
