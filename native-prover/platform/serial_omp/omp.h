/* OpenMP's run-time calls for a toolchain without OpenMP (Apple's clang): one thread. The
   `#pragma omp` lines are ignored there, so every loop runs on the calling thread. */
#ifndef ZKDESK_SERIAL_OMP_H
#define ZKDESK_SERIAL_OMP_H
static inline int omp_get_max_threads(void) { return 1; }
static inline int omp_get_num_threads(void) { return 1; }
static inline int omp_get_thread_num(void) { return 0; }
static inline void omp_set_num_threads(int threads) { (void)threads; }
#endif
