// Runs harper.js (Harper's WebAssembly build, loaded as its docs show for Node.js) on files from the command line, as a CLI would:
//   node harper.mjs FILE...
// Prints one line per finding ("path:start-end: message") and, on stderr, the total.
// British English, Markdown for .md files and plain text otherwise (Harper's own defaults
// otherwise). Exit status 0 whatever is found.
import { readFile } from 'node:fs/promises';
import { LocalLinter, Dialect } from 'harper.js';
import { binary } from 'harper.js/binary';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node harper.mjs FILE...');
  process.exit(2);
}
const linter = new LocalLinter({ binary, dialect: Dialect.British });
await linter.setup();
let total = 0;
const out = [];
for (const path of files) {
  const text = await readFile(path, 'utf8');
  const language = /\.(md|markdown)$/i.test(path) ? 'markdown' : 'plaintext';
  const lints = await linter.lint(text, { language });
  for (const lint of lints) {
    const span = lint.span();
    out.push(`${path}:${span.start}-${span.end}: ${lint.message()}`);
  }
  total += lints.length;
  if (out.length > 10000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
console.error(`harper.js: ${total} findings in ${files.length} files`);
