// libcurl, loaded on first use.
//
// The statically linked FoundationNetworking (URLSession) calls 23 libcurl
// functions. Linked normally, libcurl.so.4 is a load-time dependency: every
// start of the binary maps it and the ~30 libraries it needs (GnuTLS, Kerberos,
// LDAP, SSH, IDN, ...) and relocates them: ~10 ms and ~490 page faults, also
// for `check` and `run --snapshot`, which never make a request
// (docs/benchmarks.md). This file defines those 23 functions as forwarders
// that dlopen libcurl.so.4 the first time any of them is called, so only runs
// that talk to AWS pay for it. They are hidden: the static link resolves
// FoundationNetworking's calls to them, and nothing outside the binary sees
// them. In a build that links Foundation dynamically, libFoundationNetworking.so
// binds to libcurl itself and these stay unused.
//
// The three variadic functions (curl_easy_setopt, curl_easy_getinfo,
// curl_multi_setopt) take exactly one argument after the option: a long, a
// curl_off_t, or a data or function pointer. On the 64-bit Linux ABIs (x86-64,
// AArch64) each travels in one general-purpose register or stack slot, so it
// is forwarded as one 64-bit value.

#include "LazyCurl.h"

#if defined(__linux__)

#include "LazyLoad.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>

#define HIDDEN __attribute__((visibility("hidden")))

enum {
    F_easy_cleanup, F_easy_getinfo, F_easy_init, F_easy_pause, F_easy_setopt, F_easy_strerror,
    F_free, F_global_init, F_multi_add_handle, F_multi_assign, F_multi_cleanup,
    F_multi_info_read, F_multi_init, F_multi_remove_handle, F_multi_setopt,
    F_multi_socket_action, F_slist_append, F_slist_free_all, F_url, F_url_get, F_url_set,
    F_version, F_version_info, F_count
};

static const char *const names[F_count] = {
    "curl_easy_cleanup", "curl_easy_getinfo", "curl_easy_init", "curl_easy_pause",
    "curl_easy_setopt", "curl_easy_strerror", "curl_free", "curl_global_init",
    "curl_multi_add_handle", "curl_multi_assign", "curl_multi_cleanup",
    "curl_multi_info_read", "curl_multi_init", "curl_multi_remove_handle",
    "curl_multi_setopt", "curl_multi_socket_action", "curl_slist_append",
    "curl_slist_free_all", "curl_url", "curl_url_get", "curl_url_set", "curl_version",
    "curl_version_info",
};

static void *functions[F_count];
static HydrousLazyLibrary library = {
    .soname = "libcurl.so.4", .version = "libcurl 7.62 or later", .package = "libcurl4",
    .names = names, .count = F_count, .functions = functions,
};
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) { hydrous_lazy_library_open(&library); }

int hydrous_lazy_curl_load(char *reason, size_t capacity) {
    pthread_once(&once, load);
    return hydrous_lazy_library_answer(&library, reason, capacity);
}

// The function to forward to (the live commands check with
// hydrous_lazy_curl_load first and report a missing libcurl as an error).
static void *function(int index) { return hydrous_lazy_library_function(&library, index, hydrous_lazy_curl_load); }

typedef void *P;

HIDDEN void curl_easy_cleanup(P h) { ((void (*)(P))function(F_easy_cleanup))(h); }
HIDDEN P curl_easy_init(void) { return ((P (*)(void))function(F_easy_init))(); }
HIDDEN int curl_easy_pause(P h, int bitmask) { return ((int (*)(P, int))function(F_easy_pause))(h, bitmask); }
HIDDEN const char *curl_easy_strerror(int code) {
    return ((const char *(*)(int))function(F_easy_strerror))(code);
}
HIDDEN void curl_free(P p) { ((void (*)(P))function(F_free))(p); }
HIDDEN int curl_global_init(long flags) { return ((int (*)(long))function(F_global_init))(flags); }
HIDDEN int curl_multi_add_handle(P m, P h) { return ((int (*)(P, P))function(F_multi_add_handle))(m, h); }
HIDDEN int curl_multi_assign(P m, int socket, P data) {
    return ((int (*)(P, int, P))function(F_multi_assign))(m, socket, data);
}
HIDDEN int curl_multi_cleanup(P m) { return ((int (*)(P))function(F_multi_cleanup))(m); }
HIDDEN P curl_multi_info_read(P m, int *queued) {
    return ((P (*)(P, int *))function(F_multi_info_read))(m, queued);
}
HIDDEN P curl_multi_init(void) { return ((P (*)(void))function(F_multi_init))(); }
HIDDEN int curl_multi_remove_handle(P m, P h) { return ((int (*)(P, P))function(F_multi_remove_handle))(m, h); }
HIDDEN int curl_multi_socket_action(P m, int socket, int events, int *running) {
    return ((int (*)(P, int, int, int *))function(F_multi_socket_action))(m, socket, events, running);
}
HIDDEN P curl_slist_append(P list, const char *string) {
    return ((P (*)(P, const char *))function(F_slist_append))(list, string);
}
HIDDEN void curl_slist_free_all(P list) { ((void (*)(P))function(F_slist_free_all))(list); }
HIDDEN P curl_url(void) { return ((P (*)(void))function(F_url))(); }
HIDDEN int curl_url_get(P url, int part, char **value, unsigned int flags) {
    return ((int (*)(P, int, char **, unsigned int))function(F_url_get))(url, part, value, flags);
}
HIDDEN int curl_url_set(P url, int part, const char *value, unsigned int flags) {
    return ((int (*)(P, int, const char *, unsigned int))function(F_url_set))(url, part, value, flags);
}
HIDDEN char *curl_version(void) { return ((char *(*)(void))function(F_version))(); }
HIDDEN P curl_version_info(int age) { return ((P (*)(int))function(F_version_info))(age); }

// The variadic three: one argument after the option, forwarded as 64 bits.
HIDDEN int curl_easy_setopt(P h, int option, ...) {
    va_list arguments;
    va_start(arguments, option);
    uint64_t value = va_arg(arguments, uint64_t);
    va_end(arguments);
    return ((int (*)(P, int, ...))function(F_easy_setopt))(h, option, value);
}
HIDDEN int curl_easy_getinfo(P h, int info, ...) {
    va_list arguments;
    va_start(arguments, info);
    P value = va_arg(arguments, P);
    va_end(arguments);
    return ((int (*)(P, int, ...))function(F_easy_getinfo))(h, info, value);
}
HIDDEN int curl_multi_setopt(P m, int option, ...) {
    va_list arguments;
    va_start(arguments, option);
    uint64_t value = va_arg(arguments, uint64_t);
    va_end(arguments);
    return ((int (*)(P, int, ...))function(F_multi_setopt))(m, option, value);
}

#else

// Elsewhere URLSession does not use libcurl: nothing to load.
int hydrous_lazy_curl_load(char *reason, size_t capacity) {
    (void)reason;
    (void)capacity;
    return 1;
}

#endif
