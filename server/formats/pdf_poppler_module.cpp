// The PDF module (sayso_pdf_poppler.so): everything that touches poppler-cpp, behind the plain C
// interface of pdf_module_abi.h. It only reads: the document from bytes, whether it is locked,
// its pages, and each page's text boxes with their font and rotation. Making lines, paragraphs
// and headings of them stays in the main program (pdf.cpp).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "formats/pdf_module_abi.h"

struct sayso_pdf_document {
  std::unique_ptr<poppler::document> pdf;
  // The last page's words; their pointers point into `texts` and `fonts`.
  std::vector<std::string> texts, fonts;
  std::vector<sayso_pdf_word> words;
};

namespace {

void ignore_poppler_message(const std::string&, void*) {}

// Poppler reports damaged files on stderr; the main program reports them itself.
void silence_poppler() {
  static const bool silenced = [] {
    poppler::set_debug_error_function(&ignore_poppler_message, nullptr);
    return true;
  }();
  (void)silenced;
}

std::string to_utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

int failed(sayso_pdf_error* error, const char* what) {
  std::snprintf(error->message, sizeof error->message, "%s", what);
  return SAYSO_PDF_FAILED;
}

// Runs `body`, turning an exception into SAYSO_PDF_FAILED: none may leave the module.
template <typename Body>
int guarded(sayso_pdf_error* error, Body body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return failed(error, e.what());
  } catch (...) {
    return failed(error, "unknown error in the PDF module");
  }
}

int open_document(const char* data, int size, sayso_pdf_document** out, sayso_pdf_error* error) {
  *out = nullptr;
  return guarded(error, [&] {
    silence_poppler();
    auto doc = std::make_unique<sayso_pdf_document>();
    doc->pdf.reset(poppler::document::load_from_raw_data(data, size));
    if (!doc->pdf) return SAYSO_PDF_DAMAGED;
    *out = doc.release();
    return SAYSO_PDF_OK;
  });
}

void close_document(sayso_pdf_document* doc) { delete doc; }

int is_locked(const sayso_pdf_document* doc) { return doc->pdf->is_locked() ? 1 : 0; }

int page_count(const sayso_pdf_document* doc) { return doc->pdf->pages(); }

void add_word(sayso_pdf_document& doc, const poppler::text_box& box) {
  doc.texts.push_back(to_utf8(box.text()));
  sayso_pdf_word w{};
  const poppler::rectf r = box.bbox();
  w.left = r.left(), w.top = r.top(), w.right = r.right(), w.bottom = r.bottom();
  w.has_font_info = box.has_font_info() ? 1 : 0;
  if (w.has_font_info) {
    w.font_size = box.get_font_size();
    doc.fonts.push_back(box.get_font_name());
  } else {
    doc.fonts.emplace_back();
  }
  w.rotation = box.rotation();
  w.space_after = box.has_space_after() ? 1 : 0;
  doc.words.push_back(w);
}

// Points each word at its strings, once the vectors holding them no longer move.
void point_at_strings(sayso_pdf_document& doc) {
  for (std::size_t i = 0; i < doc.words.size(); ++i) {
    doc.words[i].text = doc.texts[i].data(), doc.words[i].text_size = doc.texts[i].size();
    doc.words[i].font_name = doc.fonts[i].data(), doc.words[i].font_name_size = doc.fonts[i].size();
  }
}

int page_words(sayso_pdf_document* doc, int index, const sayso_pdf_word** words, std::size_t* count,
               sayso_pdf_error* error) {
  *words = nullptr, *count = 0;
  doc->texts.clear(), doc->fonts.clear(), doc->words.clear();
  return guarded(error, [&] {
    std::unique_ptr<poppler::page> page(doc->pdf->create_page(index));
    if (!page) return SAYSO_PDF_NO_PAGE;
    const std::vector<poppler::text_box> boxes =
        page->text_list(poppler::page::text_list_include_font);
    for (const poppler::text_box& box : boxes) add_word(*doc, box);
    point_at_strings(*doc);
    *words = doc->words.data(), *count = doc->words.size();
    return SAYSO_PDF_OK;
  });
}

constexpr sayso_pdf_api kApi = {SAYSO_PDF_ABI_VERSION,
                                sizeof(sayso_pdf_api),
                                &open_document,
                                &close_document,
                                &is_locked,
                                &page_count,
                                &page_words};

}  // namespace

extern "C" __attribute__((visibility("default"))) const sayso_pdf_api* sayso_pdf_module_api(void) {
  return &kApi;
}
