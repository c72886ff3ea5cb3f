// The system's libcrypto (OpenSSL 3), for SHA-256 only. Only OnboardSupport's SHA256.swift imports it.
#include <openssl/evp.h>
