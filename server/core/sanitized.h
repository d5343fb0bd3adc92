// Whether this is a sanitizer build: one-shot commands then end with a normal exit (so that the
// leak check runs), and threads still running must be waited for instead of left to the exit.
#pragma once

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SAYSO_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SAYSO_SANITIZED 1
#endif
#endif
