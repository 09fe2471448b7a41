// ffiasm's C++ spells some integer types as glibc's sys/types.h does (u_int32_t, u_int64_t,
// uint); mingw-w64 has none of them. Included first on Windows builds only.
#ifndef ZKDESK_FFIASM_POSIX_TYPES_HPP
#define ZKDESK_FFIASM_POSIX_TYPES_HPP
#include <cstdint>
typedef uint32_t u_int32_t;
typedef uint64_t u_int64_t;
typedef unsigned int uint;
#endif
