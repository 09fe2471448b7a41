// The prover's own peak resident memory: the worker adds it to its own, since the job's memory
// is both processes'.
#ifndef ZKDESK_PEAK_MEMORY_HPP
#define ZKDESK_PEAK_MEMORY_HPP
#include <cstdint>

/** Peak resident set (working set on Windows) of this process so far, in bytes; 0 if unknown. */
uint64_t peakResidentBytes();

#endif
