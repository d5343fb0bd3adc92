#!/usr/bin/env python3
"""Writes a one-page PDF encrypted with the standard security handler (RC4, 40-bit key, revision
2) whose user password is empty and whose owner password is not: the kind of PDF that opens
without a password in any viewer (printing or copying may be restricted). The test PDF
tests/data/empty-user-password.pdf was made with it. Python standard library only.

usage: empty_password_pdf.py OUT TEXT...   (one line of Helvetica text per TEXT)
"""
import hashlib
import sys

PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = bytes.fromhex("0123456789abcdef0123456789abcdef")
PERMISSIONS = -44  # printing and copying not allowed


def rc4(key, data):
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def padded(password):
    return (password + PADDING)[:32]


def security(owner_password, user_password=b""):
    owner_key = hashlib.md5(padded(owner_password)).digest()[:5]
    o = rc4(owner_key, padded(user_password))
    key = hashlib.md5(padded(user_password) + o + PERMISSIONS.to_bytes(4, "little", signed=True) +
                      FILE_ID).digest()[:5]
    return key, o, rc4(key, PADDING)


def object_key(key, number):
    return hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]


def write_pdf(path, lines, owner_password=b"owner"):
    key, o, u = security(owner_password)
    content = "".join("BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (720 - 20 * i, text)
                      for i, text in enumerate(lines)).encode()
    stream = rc4(object_key(key, 5), content)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Filter /Standard /V 1 /R 2 /P %d /O <%s> /U <%s> >>" %
               (PERMISSIONS, o.hex().encode(), u.hex().encode())]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n"
            b"%%%%EOF\n" % (len(objects) + 1, len(objects), FILE_ID.hex().encode(),
                            FILE_ID.hex().encode(), xref))
    with open(path, "wb") as f:
        f.write(pdf)


if __name__ == "__main__":
    write_pdf(sys.argv[1], sys.argv[2:])
