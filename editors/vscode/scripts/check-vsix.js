// Checks a packaged .vsix (a zip): the bundle and manifest are inside, the sources are not, and
// the bundle needs nothing at run time but Node's own modules and `vscode`.
// Usage: node scripts/check-vsix.js FILE.vsix
// Reads the zip's central directory itself, so the check needs no unzip program.
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const { builtinModules } = require('module');

function fail(message) {
  console.error(`check-vsix: ${message}`);
  process.exit(1);
}

function readZip(file) {
  const data = fs.readFileSync(file);
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) fail(`${file} is not a zip file`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) fail('broken central directory');
    const method = data.readUInt16LE(offset + 10);
    const compressedSize = data.readUInt32LE(offset + 20);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const localOffset = data.readUInt32LE(offset + 42);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, { method, compressedSize, localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  const read = (name) => {
    const entry = entries.get(name);
    if (!entry) fail(`${name} is not in the package`);
    const local = entry.localOffset;
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return raw.toString('utf8');
    if (entry.method === 8) return zlib.inflateRawSync(raw).toString('utf8');
    fail(`${name}: unknown compression method ${entry.method}`);
  };
  return { names: [...entries.keys()], read };
}

const file = process.argv[2];
if (!file || !fs.existsSync(file)) fail(`no .vsix at ${file}`);
const zip = readZip(file);

for (const required of ['extension.vsixmanifest', 'extension/package.json', 'extension/dist/extension.js', 'extension/README.md']) {
  if (!zip.names.includes(required)) fail(`${required} is missing; the package has: ${zip.names.join(', ')}`);
}
if (!zip.names.some((name) => /^extension\/LICENSE(\.txt|\.md)?$/i.test(name))) fail('the licence is missing');
const unwanted = zip.names.filter((name) => /^extension\/(src|test|out|node_modules|scripts)\//.test(name) || name.endsWith('.ts'));
if (unwanted.length > 0) fail(`these should not be packaged: ${unwanted.join(', ')}`);

const manifest = JSON.parse(zip.read('extension/package.json'));
if (manifest.publisher !== 'sayso' || manifest.name !== 'sayso') fail('the packaged package.json is not sayso.sayso');
if (manifest.main !== './dist/extension.js') fail(`main is ${manifest.main}`);

const bundle = zip.read('extension/dist/extension.js');
if (!bundle.includes('sayso/documentSummary') || !bundle.includes('LanguageClient')) {
  fail('dist/extension.js does not look like the bundled extension');
}
const allowed = new Set(['vscode', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const needed = [...new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))];
const missing = needed.filter((name) => !allowed.has(name));
if (missing.length > 0) fail(`the bundle requires modules that are not in the package: ${missing.join(', ')}`);

// The bundle loads outside VS Code with a stand-in `vscode` module and exports its entry points:
// this catches bundling mistakes (a missing module, code that fails at load) without VS Code.
const path = require('path');
const os = require('os');
const Module = require('module');
const loadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sayso-vsix-'));
const bundleFile = path.join(loadDir, 'extension.js');
fs.writeFileSync(bundleFile, bundle);
const standIn = new Proxy(function () {}, {
  get: (target, key) => (key in target ? target[key] : (target[key] = standIn)),
  apply: () => standIn,
  construct: () => standIn,
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? standIn : load.call(this, request, ...rest);
};
let entry;
try {
  entry = require(bundleFile);
} catch (error) {
  fail(`dist/extension.js does not load: ${error.stack}`);
} finally {
  Module._load = load;
  fs.rmSync(loadDir, { recursive: true, force: true });
}
if (typeof entry.activate !== 'function' || typeof entry.deactivate !== 'function') {
  fail('dist/extension.js does not export activate and deactivate');
}

console.log(`check-vsix: ${file} is complete (${zip.names.length} files; the bundle needs ${needed.join(', ')})`);
