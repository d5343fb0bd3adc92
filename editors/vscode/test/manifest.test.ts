// The extension's manifest and its code must agree: every command it registers is contributed
// (else it is missing from the palette), every setting it reads is declared (else VS Code
// hides it), and it activates on the languages it lints.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';

// Compiled to out/test/: the extension's folder is two levels up.
const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const source = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');

function constant(name: string): string {
  const match = new RegExp(`const ${name} = '([^']+)'`).exec(source);
  assert.ok(match, `extension.ts defines ${name}`);
  return match[1];
}

describe('package.json', () => {
  it('contributes exactly the commands the extension registers', () => {
    const registered = [...source.matchAll(/registerCommand\((\w+)/g)].map((m) => constant(m[1])).sort();
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, registered);
    for (const name of ['sayso.lintWorkspace', 'sayso.explainRule', 'sayso.openRuleCatalogue']) assert.ok(registered.includes(name), name);
  });

  it('declares every setting the extension reads', () => {
    const declared = Object.keys(manifest.contributes.configuration.properties);
    const read = [...source.matchAll(/settings\.get(?:<[^>]+>)?\('([^']+)'/g)].map((m) => `sayso.${m[1]}`);
    assert.ok(read.length >= 5);
    for (const setting of read) assert.ok(declared.includes(setting), `${setting} is declared`);
    // sayso.trace.server is read by vscode-languageclient itself (client id "sayso").
    assert.deepEqual(declared.sort(), [...new Set([...read, 'sayso.trace.server'])].sort());
  });

  it('activates on Markdown, plain text and LaTeX and ships the bundle', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'onLanguage:plaintext', 'onLanguage:latex']);
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.publisher, 'sayso');
    assert.equal(manifest.engines.vscode, '^1.82.0');
    for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', '.vscodeignore']) assert.ok(fs.existsSync(path.join(root, file)), file);
  });

  it('names no repository address it cannot vouch for, and packages without one', () => {
    // A repository is only named once the project has a public one; until then vsce is told to
    // package without it (both where CI packages and in `npm run package`).
    const ci = fs.readFileSync(path.join(root, 'scripts', 'ci.sh'), 'utf8');
    if (manifest.repository === undefined) {
      assert.match(manifest.scripts.package, /--allow-missing-repository/);
      assert.match(ci, /vsce package [^\n]*--allow-missing-repository/);
    } else {
      assert.doesNotMatch(JSON.stringify(manifest.repository), /github\.com\/sayso\/sayso/);
    }
  });

  it('offers the severities the server understands', () => {
    const overrides = manifest.contributes.configuration.properties['sayso.severityOverrides'];
    assert.deepEqual(overrides.additionalProperties.enum, ['error', 'warning', 'info', 'hint', 'off']);
    assert.deepEqual(manifest.contributes.configuration.properties['sayso.language'].enum, ['en_GB', 'en_US']);
  });
});
