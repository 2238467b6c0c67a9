#ifndef HYDROUS_LAZY_LOAD_H
#define HYDROUS_LAZY_LOAD_H

#include <stddef.h>

/// A shared library the release binary opens on first use instead of naming
/// it as a load-time dependency (Sources/LazyCurl, Sources/LazyXML): its
/// soname, what to install when it is missing, and the symbols looked up in
/// it. Each module keeps one, opens it once (pthread_once) and forwards its
/// calls through `hydrous_lazy_library_function`. Hidden: nothing outside the
/// binary sees these.
typedef struct {
    const char *soname;       ///< "libcurl.so.4"
    const char *version;      ///< what to install, e.g. "libcurl 7.62 or later"
    const char *package;      ///< the Debian and Ubuntu package, e.g. "libcurl4"
    const char *const *names; ///< the symbols to look up
    int count;                ///< how many
    void **functions;         ///< `count` slots, filled in by the opening
    char failure[512];        ///< why it could not be opened
    int loaded;               ///< 1 once every symbol is found
} HydrousLazyLibrary;

/// Opens `library` and looks up every name; on failure says why in
/// `library->failure`. Call through pthread_once.
__attribute__((visibility("hidden"))) void hydrous_lazy_library_open(HydrousLazyLibrary *library);

/// After the opening: 1 when it succeeded; otherwise 0, with the reason
/// copied into `reason` (at most `capacity` bytes, NUL-terminated).
__attribute__((visibility("hidden"))) int hydrous_lazy_library_answer(HydrousLazyLibrary *library, char *reason,
                                                                     size_t capacity);

/// The symbol at `index`, opening the library through `load` first if
/// needed. A process that reaches a call into a library it cannot open
/// cannot go on: it stops with the reason (exit status 2). The live commands
/// ask `load` beforehand and report the reason as an error instead.
__attribute__((visibility("hidden"))) void *hydrous_lazy_library_function(HydrousLazyLibrary *library, int index,
                                                                         int (*load)(char *, size_t));

/// Writes a self-test's finding into `report` (at most `capacity` bytes,
/// printf-style) and returns 0, the self-tests' answer for a failure.
__attribute__((visibility("hidden"), format(printf, 3, 4))) int hydrous_lazy_fail(char *report, size_t capacity,
                                                                                 const char *format, ...);

#endif
