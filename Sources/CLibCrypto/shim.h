#ifndef HYDROUS_CLIBCRYPTO_SHIM_H
#define HYDROUS_CLIBCRYPTO_SHIM_H
/* SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but
   they hash directly: the one-shot SHA256() of OpenSSL 3 goes through
   EVP_Q_digest, which fetches the algorithm from the provider on every call
   (about half the time of hashing a finding's fingerprint). */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>

/* The SHA-256 of `count` bytes at `data` into the 32 bytes at `out`; 1 on success. */
static inline int hydrous_sha256(const unsigned char *data, size_t count, unsigned char *out) {
    SHA256_CTX context;
    if (SHA256_Init(&context) != 1) return 0;
    if (count > 0 && SHA256_Update(&context, data, count) != 1) return 0;
    return SHA256_Final(out, &context);
}
#endif
