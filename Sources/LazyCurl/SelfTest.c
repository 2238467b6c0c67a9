// A round trip through the forwarders of LazyCurl.c (see LazyCurl.h).

#include "LazyCurl.h"

#include "LazyLoad.h"

#include <stdint.h>
#include <string.h>

#if defined(__linux__)

// The forwarders (hidden, defined in LazyCurl.c), with libcurl's ABI types.
void *curl_easy_init(void);
void curl_easy_cleanup(void *handle);
int curl_easy_setopt(void *handle, int option, ...);
int curl_easy_getinfo(void *handle, int info, ...);
const char *curl_easy_strerror(int code);
void *curl_slist_append(void *list, const char *string);
void curl_slist_free_all(void *list);
void *curl_url(void);
int curl_url_set(void *url, int part, const char *value, unsigned int flags);
int curl_url_get(void *url, int part, char **value, unsigned int flags);
void curl_free(void *pointer);
char *curl_version(void);

// Values from curl/curl.h and curl/urlapi.h (stable ABI since 7.62).
enum {
    OPT_URL = 10002, OPT_HTTPHEADER = 10023, OPT_PRIVATE = 10103, OPT_PORT = 3,
    OPT_MAXFILESIZE_LARGE = 30117, INFO_EFFECTIVE_URL = 0x100001, INFO_PRIVATE = 0x100015,
    E_OK = 0, E_BAD_FUNCTION_ARGUMENT = 43, U_PART_URL = 0, U_PART_HOST = 5
};

int hydrous_lazy_curl_self_test(char *report, size_t capacity) {
    if (!hydrous_lazy_curl_load(report, capacity)) return 0;
    const char *url = "https://ecs.us-east-1.amazonaws.com/?Action=ListClusters";
    void *handle = curl_easy_init();
    if (handle == NULL) return hydrous_lazy_fail(report, capacity, "curl_easy_init returned NULL");
    int status = 1;
    int code;
    char *effective = NULL;
    void *stored = NULL;
    void *headers = NULL;
    if ((code = curl_easy_setopt(handle, OPT_URL, url)) != E_OK) {
        status = hydrous_lazy_fail(report, capacity, "CURLOPT_URL: %s", curl_easy_strerror(code));
    } else if ((code = curl_easy_getinfo(handle, INFO_EFFECTIVE_URL, &effective)) != E_OK || effective == NULL
               || strcmp(effective, url) != 0) {
        status = hydrous_lazy_fail(report, capacity, "CURLINFO_EFFECTIVE_URL gave %s", effective ? effective : "nothing");
    } else if (curl_easy_setopt(handle, OPT_PRIVATE, (void *)&status) != E_OK
               || curl_easy_getinfo(handle, INFO_PRIVATE, &stored) != E_OK || stored != (void *)&status) {
        status = hydrous_lazy_fail(report, capacity, "CURLOPT_PRIVATE did not come back through CURLINFO_PRIVATE");
    } else if ((code = curl_easy_setopt(handle, OPT_PORT, 65535L)) != E_OK
               || (code = curl_easy_setopt(handle, OPT_PORT, 65536L)) != E_BAD_FUNCTION_ARGUMENT) {
        status = hydrous_lazy_fail(report, capacity, "CURLOPT_PORT (a long, 65535 valid, 65536 not): code %d", code);
    } else if ((code = curl_easy_setopt(handle, OPT_MAXFILESIZE_LARGE, (int64_t)1 << 40)) != E_OK
               || (code = curl_easy_setopt(handle, OPT_MAXFILESIZE_LARGE, (int64_t)-1)) != E_BAD_FUNCTION_ARGUMENT) {
        status = hydrous_lazy_fail(report, capacity, "CURLOPT_MAXFILESIZE_LARGE (a curl_off_t): code %d", code);
    } else if ((headers = curl_slist_append(NULL, "Accept: application/json")) == NULL
               || (code = curl_easy_setopt(handle, OPT_HTTPHEADER, headers)) != E_OK) {
        status = hydrous_lazy_fail(report, capacity, "CURLOPT_HTTPHEADER: code %d", code);
    }
    curl_easy_cleanup(handle);
    curl_slist_free_all(headers);
    if (!status) return 0;
    void *parsed = curl_url();
    char *host = NULL;
    if (parsed == NULL || curl_url_set(parsed, U_PART_URL, url, 0) != 0
        || curl_url_get(parsed, U_PART_HOST, &host, 0) != 0 || host == NULL
        || strcmp(host, "ecs.us-east-1.amazonaws.com") != 0) {
        status = hydrous_lazy_fail(report, capacity, "curl_url_get gave host %s", host ? host : "nothing");
    }
    curl_free(host);  // the URL handle stays: FoundationNetworking never frees one, so there is no forwarder for it
    const char *version = curl_version();
    if (status && (version == NULL || strncmp(version, "libcurl/", 8) != 0)) {
        status = hydrous_lazy_fail(report, capacity, "curl_version gave %s", version ? version : "nothing");
    }
    return status;
}

#else

int hydrous_lazy_curl_self_test(char *report, size_t capacity) {
    (void)report;
    (void)capacity;
    return 1;
}

#endif
