/* The boundary between sayso and its PDF module (sayso_pdf_poppler.so, pdf_poppler_module.cpp).
 * The module is loaded with dlopen only when a PDF is read, so that poppler and what it pulls in
 * (nss, freetype, fontconfig, ...) cost nothing on runs without PDFs. Plain C only: no C++ type
 * and no exception crosses it. Change anything here and raise SAYSO_PDF_ABI_VERSION: the loader
 * refuses a module built for another version. */
#ifndef SAYSO_FORMATS_PDF_MODULE_ABI_H
#define SAYSO_FORMATS_PDF_MODULE_ABI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SAYSO_PDF_ABI_VERSION 1
#define SAYSO_PDF_MODULE_FILE "sayso_pdf_poppler.so"
#define SAYSO_PDF_MODULE_ENTRY "sayso_pdf_module_api"

/* What a call did. On SAYSO_PDF_FAILED the module's message is in the sayso_pdf_error given. */
enum sayso_pdf_status {
  SAYSO_PDF_OK = 0,
  SAYSO_PDF_DAMAGED = 1, /* not a PDF, or too damaged to open */
  SAYSO_PDF_NO_PAGE = 2, /* a page poppler could not create: skipped */
  SAYSO_PDF_FAILED = 3   /* an exception inside the module (out of memory, ...) */
};

typedef struct sayso_pdf_error {
  char message[256]; /* NUL-terminated */
} sayso_pdf_error;

/* One text box of a page, as poppler gives it: no cleaning up (that is done in pdf.cpp). */
typedef struct sayso_pdf_word {
  const char* text; /* UTF-8, not NUL-terminated */
  size_t text_size;
  double left, top, right, bottom;
  int has_font_info; /* font_size and font_name are set only when this is non-zero */
  double font_size;
  const char* font_name;
  size_t font_name_size;
  int rotation;    /* 0 upright, 1..3 quarter turns */
  int space_after; /* poppler saw a space after the box */
} sayso_pdf_word;

typedef struct sayso_pdf_document sayso_pdf_document;

typedef struct sayso_pdf_api {
  int abi_version;    /* SAYSO_PDF_ABI_VERSION of the module */
  size_t struct_size; /* sizeof(sayso_pdf_api) of the module */
  /* Opens a PDF over `data`, which must outlive the document (it is not copied). */
  int (*open)(const char* data, int size, sayso_pdf_document** out, sayso_pdf_error* error);
  void (*close)(sayso_pdf_document* doc);
  int (*is_locked)(const sayso_pdf_document* doc); /* encrypted with a user password */
  int (*page_count)(const sayso_pdf_document* doc);
  /* The words of page `index` (from 0) in poppler's reading order. The array and its strings
   * belong to `doc` and stay valid until the next page_words or close on it. */
  int (*page_words)(sayso_pdf_document* doc, int index, const sayso_pdf_word** words, size_t* count,
                    sayso_pdf_error* error);
} sayso_pdf_api;

/* The module's only exported symbol (SAYSO_PDF_MODULE_ENTRY). */
const sayso_pdf_api* sayso_pdf_module_api(void);

#ifdef __cplusplus
}
#endif

#endif
