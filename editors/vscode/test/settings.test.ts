import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { isRuleId, toServerConfiguration, validateSeverityOverrides } from '../src/settings';

const context = { homeDir: '/home/r', workspaceFolder: '/work/grant' };

describe('settings → server configuration', () => {
  it('gives the defaults for empty settings', () => {
    assert.deepEqual(toServerConfiguration({}, context), {
      configuration: { profile: null, packs: [], language: 'en_GB', severity: {}, inlayHints: false, maxProblems: 1000 },
      problems: [],
    });
    assert.equal(toServerConfiguration({ profile: '' }, context).configuration.profile, null);
  });

  it('passes profile, language and overrides through', () => {
    const result = toServerConfiguration(
      { profile: ' nihr ', language: 'en_US', severityOverrides: { 'plain-english.passive-voice': 'off', acronyms: 'Info' } },
      context,
    );
    assert.deepEqual(result.configuration, {
      profile: 'nihr',
      packs: [],
      language: 'en_US',
      severity: { 'plain-english.passive-voice': 'off', acronyms: 'info' },
      inlayHints: false,
      maxProblems: 1000,
    });
    assert.deepEqual(result.problems, []);
  });

  it('turns inlay hints on only when asked', () => {
    assert.equal(toServerConfiguration({ inlayHints: true }, context).configuration.inlayHints, true);
    const wrong = toServerConfiguration({ inlayHints: 'yes' }, context);
    assert.equal(wrong.configuration.inlayHints, false);
    assert.match(wrong.problems[0], /inlayHints.*true or false/);
  });

  it('passes a whole-number maxProblems and reports any other', () => {
    assert.equal(toServerConfiguration({ maxProblems: 0 }, context).configuration.maxProblems, 0);
    assert.equal(toServerConfiguration({ maxProblems: 250 }, context).configuration.maxProblems, 250);
    for (const bad of [-1, 2.5, 'many']) {
      const wrong = toServerConfiguration({ maxProblems: bad }, context);
      assert.equal(wrong.configuration.maxProblems, 1000);
      assert.match(wrong.problems[0], /maxProblems.*whole number/);
    }
  });

  it('makes rule pack folders absolute, once each', () => {
    const result = toServerConfiguration(
      { rulePacks: ['packs/local', '~/sayso-packs', '${workspaceFolder}/packs/local', '/srv/packs/', 3] },
      context,
    );
    assert.deepEqual(result.configuration.packs, ['/work/grant/packs/local', '/home/r/sayso-packs', '/srv/packs/']);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0], /rulePacks.*3.*not a folder/);
  });

  it('reports wrong types and values instead of sending them', () => {
    const result = toServerConfiguration({ profile: 7, rulePacks: 'packs', language: 'fr_FR' }, context);
    assert.deepEqual(result.configuration, { profile: null, packs: [], language: 'en_GB', severity: {}, inlayHints: false, maxProblems: 1000 });
    assert.equal(result.problems.length, 3);
    assert.match(result.problems.join('\n'), /sayso\.language.*en_GB or en_US.*fr_FR/);
  });
});

describe('severity overrides', () => {
  it('keeps valid entries and explains each invalid one', () => {
    const { overrides, problems } = validateSeverityOverrides({
      'involvement.vague-plans': 'error',
      'spelling.unknown-word': 'hint',
      'plain-english.utilise': 'fatal',
      'Not A Rule': 'off',
      'structure.pes-word-limit': { max_words: 250 },
    });
    assert.deepEqual(overrides, { 'involvement.vague-plans': 'error', 'spelling.unknown-word': 'hint' });
    assert.equal(problems.length, 3);
    assert.match(problems[0], /plain-english\.utilise.*"fatal".*error, warning, info, hint or off/);
    assert.match(problems[1], /"Not A Rule" is not a rule id/);
    assert.match(problems[2], /structure\.pes-word-limit/);
  });

  it('rejects a list or a string in place of an object', () => {
    assert.equal(validateSeverityOverrides(['error']).problems.length, 1);
    assert.equal(validateSeverityOverrides('off').problems.length, 1);
    assert.deepEqual(validateSeverityOverrides(null), { overrides: {}, problems: [] });
  });

  it('recognises rule ids and pack names', () => {
    for (const id of ['plain-english.utilise', 'co-production.involvement-checklist', 'acronyms']) assert.ok(isRuleId(id), id);
    for (const id of ['', 'Plain.utilise', 'pack..rule', '.rule', 'pack.rule.', 'pack rule']) assert.ok(!isRuleId(id), id);
  });
});
