#!/usr/bin/env python3
"""Writes a one-page PDF with one line of Helvetica text per (font size, text) pair: the test
scripts' PDF (tests/release/deb_test.sh, tests/fuzz/make_seeds.sh) without a PDF library.

usage: tiny_pdf.py OUT SIZE:TEXT...   (or import write_pdf)
"""
import sys


def write_pdf(path, lines):
    content = "".join("BT /F1 %d Tf 72 %d Td (%s) Tj ET\n" % (size, 760 - 30 * i, text)
                      for i, (size, text) in enumerate(lines)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream"]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(pdf)


if __name__ == "__main__":
    write_pdf(sys.argv[1], [(int(a.split(":", 1)[0]), a.split(":", 1)[1]) for a in sys.argv[2:]])
