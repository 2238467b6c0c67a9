// Opening a shared library on first use: what LazyCurl.c and LazyXML.c share
// (see LazyLoad.h).

#include "LazyLoad.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hydrous_lazy_library_open(HydrousLazyLibrary *library) {
    void *handle = dlopen(library->soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *error = dlerror();
        snprintf(library->failure, sizeof library->failure, "cannot load %s (%s): install %s (Debian and Ubuntu: "
                 "apt-get install %s)", library->soname, error ? error : "unknown error", library->version,
                 library->package);
        return;
    }
    for (int i = 0; i < library->count; i++) {
        library->functions[i] = dlsym(handle, library->names[i]);
        if (library->functions[i] == NULL) {
            snprintf(library->failure, sizeof library->failure, "%s has no %s: install %s", library->soname,
                     library->names[i], library->version);
            return;
        }
    }
    __atomic_store_n(&library->loaded, 1, __ATOMIC_RELEASE);
}

int hydrous_lazy_library_answer(HydrousLazyLibrary *library, char *reason, size_t capacity) {
    if (__atomic_load_n(&library->loaded, __ATOMIC_ACQUIRE)) return 1;
    if (reason != NULL && capacity > 0) {
        strncpy(reason, library->failure, capacity - 1);
        reason[capacity - 1] = '\0';
    }
    return 0;
}

void *hydrous_lazy_library_function(HydrousLazyLibrary *library, int index, int (*load)(char *, size_t)) {
    if (!__atomic_load_n(&library->loaded, __ATOMIC_ACQUIRE) && !load(NULL, 0)) {
        fprintf(stderr, "hydrous-audit: %s\n", library->failure);
        exit(2);
    }
    return library->functions[index];
}

int hydrous_lazy_fail(char *report, size_t capacity, const char *format, ...) {
    if (report != NULL && capacity > 0) {
        va_list arguments;
        va_start(arguments, format);
        vsnprintf(report, capacity, format, arguments);
        va_end(arguments);
    }
    return 0;
}
