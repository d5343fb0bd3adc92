#!/usr/bin/env python3
"""Builds the benchmark inputs in OUT_DIR (never inside the repository):

  summary-10k.md   about 10 KB: the project's own summaries and involvement sections (corpus/)
  prose-1mb.md     1,000,000 bytes at most, cut at a paragraph end
  prose-10mb.md    10,000,000 bytes at most, cut at a paragraph end
  small/NNNN.md    1,000 small files (one text each)

The prose files are corpus/ followed by the shared corpora when present (PLOS full texts, real
grant proposals, Cochrane abstracts and summaries, Brown corpus, Moby-Dick, State of the Union
addresses), read from ../shared/corpora and never copied into the repository. Without them the
project's corpus is repeated (said on stderr). The same inputs are built on every run.

usage: make_inputs.py REPO_DIR OUT_DIR
"""
import json
import pathlib
import sys

repo = pathlib.Path(sys.argv[1]).resolve()
out = pathlib.Path(sys.argv[2])
shared = (repo / '..' / 'shared' / 'corpora').resolve()
out.mkdir(parents=True, exist_ok=True)


def corpus_files(*folders):
    files = []
    for folder in folders:
        files += sorted(p for p in (repo / 'corpus' / folder).rglob('*')
                        if p.suffix in ('.md', '.txt') and p.name != 'README.md')
    return files


def jsonl_texts(path):
    if not path.exists():
        return []
    texts = []
    with path.open(encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line:
                record = json.loads(line)
                texts.append((record.get('id', ''), record['text']))
    return texts


def shared_texts():
    """Every shared text in a fixed order, as (name, Markdown text)."""
    texts = []
    for p in sorted((shared / 'plos' / 'fulltext').glob('*.md')):
        texts.append((p.stem, p.read_text(encoding='utf-8')))
    for p in sorted((shared / 'real-grants' / 'text').glob('*.txt')):
        texts.append((p.stem, p.read_text(encoding='utf-8', errors='replace')))
    for name in ('cochrane/val.jsonl', 'plos/pairs.jsonl', 'prose/brown.jsonl',
                 'prose/moby_dick.jsonl', 'prose/sotu.jsonl'):
        for ident, text in jsonl_texts(shared / name):
            texts.append((ident, f'# {ident}\n\n{text}\n'))
    return texts


def write_capped(path, parts, cap):
    """Writes paragraphs from parts until the next one would pass cap bytes."""
    size = 0
    with path.open('w', encoding='utf-8', newline='\n') as f:
        while True:
            added = False
            for text in parts:
                for paragraph in text.replace('\r\n', '\n').split('\n\n'):
                    paragraph = paragraph.strip('\n')
                    if not paragraph:
                        continue
                    chunk = (paragraph + '\n\n').encode('utf-8')
                    if size + len(chunk) > cap:
                        return size
                    f.write(paragraph + '\n\n')
                    size += len(chunk)
                    added = True
            if not added:
                return size


own = [p.read_text(encoding='utf-8') for p in corpus_files('summaries', 'involvement', 'applications')]
extra = [text for _, text in shared_texts()]
if not extra:
    print(f'{shared} not found: the 1 MB and 10 MB files repeat corpus/ only', file=sys.stderr)

# 10 KB: the project's own summaries, then involvement sections.
summary_parts = [p.read_text(encoding='utf-8') for p in corpus_files('summaries', 'involvement')]
write_capped(out / 'summary-10k.md', summary_parts, 10_240)

# 1 MB and 10 MB: corpus/ then the shared corpora (repeated only when they run out).
write_capped(out / 'prose-1mb.md', own + extra, 1_000_000)
write_capped(out / 'prose-10mb.md', own + extra, 10_000_000)

# 1,000 small files: lay and technical abstracts, summaries and samples; corpus/ paragraphs otherwise.
small = out / 'small'
small.mkdir(exist_ok=True)
pool = []
for name in ('cochrane/val.jsonl', 'plos/pairs.jsonl', 'prose/brown.jsonl'):
    pool += [text for _, text in jsonl_texts(shared / name)]
if len(pool) < 1000:
    paragraphs = [p for text in own for p in text.split('\n\n') if len(p) > 200]
    while len(pool) < 1000:
        pool += paragraphs
for i, text in enumerate(pool[:1000]):
    (small / f'{i:04d}.md').write_text(text.strip() + '\n', encoding='utf-8')
