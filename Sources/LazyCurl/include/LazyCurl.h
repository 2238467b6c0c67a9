#ifndef HYDROUS_LAZY_CURL_H
#define HYDROUS_LAZY_CURL_H

#include <stddef.h>

/// Loads libcurl (libcurl.so.4) if it is not loaded yet. Returns 1 when it is
/// loaded; otherwise 0, with the reason (dlopen's or dlsym's message) copied
/// into `reason` (at most `capacity` bytes, NUL-terminated).
///
/// The release binary links Foundation statically; its HTTP client
/// (FoundationNetworking) calls libcurl through the forwarding functions of
/// this module, which load libcurl on first use. Offline commands never call
/// them, so they start without loading libcurl and the ~30 libraries it needs.
int hydrous_lazy_curl_load(char *reason, size_t capacity);

/// Calls libcurl through the forwarders the way FoundationNetworking does:
/// each variadic kind (a string, a long, a curl_off_t, a data pointer) set on
/// an easy handle and read back or checked by libcurl's own validation, a
/// header list, a URL handle and the version. Returns 1 when every answer is
/// the one libcurl gives when called directly; otherwise 0, with the first
/// difference described in `report`. For the tests (Tests/AWSClientTests).
int hydrous_lazy_curl_self_test(char *report, size_t capacity);

#endif
