// Minimal PDF files written by hand for tests: pages of text lines in the standard Helvetica
// fonts (no embedding), with a correct cross-reference table.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

namespace sayso::testing {

struct PdfLine {
  double x, y;  // from the bottom left of a 612 × 792 page
  double size;
  std::string text;  // ASCII, without ( ) or backslashes
  bool bold = false;
};

struct PdfOptions {
  bool encrypted = false;  // a standard security handler whose user password is not empty
};

inline std::string make_pdf(const std::vector<std::vector<PdfLine>>& pages,
                            PdfOptions options = {}) {
  std::vector<std::string> objects;  // objects[i] is object number i + 1
  const int page_count = static_cast<int>(pages.size());
  // 1 catalog, 2 pages, 3 regular font, 4 bold font, then a page and its content per page.
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (int i = 0; i < page_count; ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_count) +
                    " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>");
  for (int i = 0; i < page_count; ++i) {
    std::string content;
    for (const PdfLine& line : pages[static_cast<std::size_t>(i)]) {
      char position[128];
      std::snprintf(position, sizeof position, "BT /%s %.1f Tf %.1f %.1f Td (",
                    line.bold ? "F2" : "F1", line.size, line.x, line.y);
      content += position + line.text + ") Tj ET\n";
    }
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
        "<< /F1 3 0 R /F2 4 0 R >> >> /Contents " +
        std::to_string(6 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
  }
  if (options.encrypted)
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + std::string(64, 'a') +
                      "> /U <" + std::string(64, 'b') + "> >>");

  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R";
  if (options.encrypted)
    pdf += " /Encrypt " + std::to_string(objects.size()) +
           " 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]";
  pdf += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace sayso::testing
