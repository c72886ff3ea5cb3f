// The system's libcrypto (OpenSSL 3), for SHA-256 and HMAC-SHA256. Only OnboardSupport's SHA256.swift and HMACSHA256.swift import it.
#include <openssl/evp.h>
#include <openssl/hmac.h>
