// ffiasm 0.1.5's binfile_utils.cpp includes this header, which its npm package does not ship.
// A plain copy: the files it copies are read once per proof, and memcpy is memory-bound anyway.
#ifndef ZKDESK_THREAD_UTILS_HPP
#define ZKDESK_THREAD_UTILS_HPP
#include <cstdint>
#include <cstring>
namespace ThreadUtils {
inline void parcpy(void *dst, const void *src, uint64_t bytes, int /*threads*/) { std::memcpy(dst, src, bytes); }
}
#endif
