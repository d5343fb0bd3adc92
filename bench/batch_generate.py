#!/usr/bin/env python3
"""Writes N synthetic grant submissions in mixed formats for the batch benchmark.

usage: bench/batch_generate.py N OUTDIR [--kb 8] [--docx-share 0.0] [--seed 1]

About 40% Markdown files, 30% plain-text files and 30% rows of CSV form exports (100 rows a
file, with a map file OUTDIR/map.yml); --docx-share moves that share of the Markdown files to
DOCX (written with zipfile: Word heading styles, one paragraph per paragraph). Each submission
has a title, a plain-English summary, background, methods and an involvement section, about
--kb kilobytes in all, built from sentences that are plain, jargon-heavy or tokenistic, so
every rule kind has work. Deterministic for a given seed.
"""
import argparse
import csv
import os
import random
import zipfile
from xml.sax.saxutils import escape

PLAIN = [
    "We want to find out whether a weekly phone call from a nurse helps people stay well at home.",
    "We will ask {n} people with heart failure to take part.",
    "Half will get the calls for a year and half will get their usual care.",
    "People who have lived with the condition helped us plan this study.",
    "We will share what we find through short videos, a leaflet and local talks.",
    "Many older people fall at home, and a fall can take away their confidence.",
    "We will talk in depth to {n} carers about what got in the way.",
]
JARGON = [
    "We will utilise a randomised controlled trial to ascertain the efficacy of the intervention.",
    "The cohort will be stratified by comorbidity and socioeconomic deprivation indices.",
    "Outcomes will be operationalised using validated psychometric instruments.",
    "Data will be collected at baseline and analysed by the research team.",
    "In order to facilitate the implementation of the programme, stakeholders will be engaged.",
    "The QALY and ICER will be estimated from the NHS perspective.",
]
TOKEN = [
    "PPI will be sought where possible.",
    "One lay representative will sit on the steering committee.",
    "Patients were consulted about the study.",
    "We paid {n} public contributors for their time and offered training.",
    "A named PPI lead will support contributors, and we will record the impact of their input.",
    "Public contributors will co-design the materials with us at every stage.",
]
SECTIONS = [
    ("Plain English summary", PLAIN * 3 + JARGON),
    ("Background", JARGON + PLAIN),
    ("Methods", JARGON * 2 + PLAIN),
    ("Patient and public involvement", TOKEN * 2 + PLAIN),
]


def paragraph(rng, pool, sentences):
    return " ".join(rng.choice(pool).format(n=rng.randint(6, 900)) for _ in range(sentences))


def submission(rng, target_bytes):
    """Title and (heading, [paragraphs]) sections of about target_bytes."""
    title = "Study %d: %s" % (rng.randint(1, 10**6), rng.choice(["falls", "sleep", "COPD", "stroke"]))
    sections = [(heading, []) for heading, _ in SECTIONS]
    size = len(title)
    i = 0
    while size < target_bytes:
        heading, pool = SECTIONS[i % len(SECTIONS)]
        if heading == "Plain English summary" and sum(len(p) for p in sections[0][1]) > 1600:
            i += 1
            continue
        text = paragraph(rng, pool, rng.randint(2, 5))
        sections[i % len(SECTIONS)][1].append(text)
        size += len(text) + 2
        i += 1
    return title, sections


def markdown(title, sections):
    out = ["# Title\n\n%s\n" % title]
    for heading, paragraphs in sections:
        out.append("\n## %s\n\n%s\n" % (heading, "\n\n".join(paragraphs)))
    return "".join(out)


def plain_text(title, sections):
    out = ["TITLE\n%s\n" % title]
    for heading, paragraphs in sections:
        out.append("\n%s\n\n%s\n" % (heading.upper(), "\n\n".join(paragraphs)))
    return "".join(out)


def docx_bytes_to(path, title, sections):
    def para(text, style=None):
        style_xml = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
        return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (style_xml, escape(text))

    body = [para(title, "Title")]
    for heading, paragraphs in sections:
        body.append(para(heading, "Heading1"))
        body.extend(para(p) for p in paragraphs)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (ns, "".join(body)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("outdir")
    parser.add_argument("--kb", type=float, default=8)
    parser.add_argument("--docx-share", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.outdir, "files"), exist_ok=True)
    with open(os.path.join(args.outdir, "map.yml"), "w") as f:
        f.write("id: ref\ntitle: title\nsections:\n  summary: plain-english-summary\n"
                "  background: background\n  methods: methods\n  ppi: involvement\n")
    target = int(args.kb * 1024)
    csv_rows, csv_file, writer = 0, None, None
    for i in range(args.n):
        title, sections = submission(rng, target)
        kind = i % 10
        base = os.path.join(args.outdir, "files", "sub-%06d" % i)
        if kind < 4:
            if rng.random() < args.docx_share:
                docx_bytes_to(base + ".docx", title, sections)
            else:
                with open(base + ".md", "w") as f:
                    f.write(markdown(title, sections))
        elif kind < 7:
            with open(base + ".txt", "w") as f:
                f.write(plain_text(title, sections))
        else:
            if csv_rows % 100 == 0:
                if csv_file:
                    csv_file.close()
                csv_file = open(os.path.join(args.outdir, "files", "forms-%04d.csv" % (csv_rows // 100)), "w", newline="")
                writer = csv.writer(csv_file)
                writer.writerow(["ref", "title", "summary", "background", "methods", "ppi"])
            writer.writerow(["row-%06d" % i, title] + ["\n\n".join(p) for _, p in sections])
            csv_rows += 1
    if csv_file:
        csv_file.close()


if __name__ == "__main__":
    main()
