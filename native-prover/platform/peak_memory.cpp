#include "peak_memory.hpp"

#ifdef _WIN32
#include <windows.h>
#include <psapi.h>
#else
#include <sys/resource.h>
#endif

uint64_t peakResidentBytes() {
#ifdef _WIN32
    PROCESS_MEMORY_COUNTERS counters;
    if (!K32GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters)) return 0;
    return uint64_t(counters.PeakWorkingSetSize);
#else
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
#ifdef __APPLE__
    return uint64_t(usage.ru_maxrss);  // bytes on macOS
#else
    return uint64_t(usage.ru_maxrss) * 1024;  // kilobytes on Linux
#endif
#endif
}
