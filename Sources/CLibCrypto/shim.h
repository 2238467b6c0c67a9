#ifndef HYDROUS_CLIBCRYPTO_SHIM_H
#define HYDROUS_CLIBCRYPTO_SHIM_H
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#endif
