// A work-sharing thread pool for the prover (std::thread only: builds with g++, clang and mingw).
//
// Why not OpenMP: libgomp's threads spin between parallel regions and split loops into one fixed
// slice per thread, so on a busy desktop one descheduled thread stalls the whole loop while the
// others burn the cores it needs (measured: 6.5x slower beside two busy loops). Here the caller
// and the workers take small tasks from one shared counter until none are left, so a thread the
// OS puts aside holds back one task, not a slice of the loop; idle workers sleep on a condition
// variable and cost nothing.
#ifndef ZKDESK_THREAD_POOL_HPP
#define ZKDESK_THREAD_POOL_HPP

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>
#ifdef __linux__
#include <sched.h>
#endif

namespace zkdesk {

// The CPUs this process may run on: hardware_concurrency counts the machine's, but a process
// pinned by taskset or a container's cpuset gets fewer, and more threads than that only queue.
inline unsigned usableCpus() {
    unsigned cpus = std::thread::hardware_concurrency();
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) cpus = unsigned(CPU_COUNT(&set));
#endif
    return std::max(1u, cpus);
}

class ThreadPool {
public:
    // threads == 0: one per usable CPU and up to four more (ZKDESK_THREADS overrides, for
    // measurements). The kernel shares a busy machine's CPUs between runnable threads, not
    // processes: beside two busy loops on two cores, two threads got half the machine and four get
    // two thirds (stress-14 under load 0.75 → 0.65 of rapidsnark's time). Quiet, the extra threads
    // cost next to nothing: tasks are small and taken from one counter, so nobody waits for a
    // thread the OS put aside. At most four more, because each thread keeps its own MSM buckets.
    explicit ThreadPool(unsigned threads = 0) {
        if (threads == 0) {
            const char *env = std::getenv("ZKDESK_THREADS");
            const unsigned cpus = usableCpus();
            threads = env ? unsigned(std::atoi(env)) : cpus + std::min(cpus, 4u);
        }
        threads = std::max(1u, threads);
        for (unsigned i = 1; i < threads; i++) {
            try {
                workers_.emplace_back([this, i] { work(i); });
            } catch (const std::system_error &) {
                break;  // under a tight memory limit another stack may not fit: run with the threads that started
            }
            count_ = i + 1;
        }
    }

    ~ThreadPool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto &w : workers_) w.join();
    }

    ThreadPool(const ThreadPool &) = delete;
    ThreadPool &operator=(const ThreadPool &) = delete;

    // How many threads run tasks (the caller included): the index passed to a task is below it.
    unsigned size() const { return count_; }

    // Runs task(i, thread) for every i in [0, tasks), spread over the pool; returns when all
    // have run. `thread` identifies the running thread, for per-thread scratch space. Only the
    // threads that joined in are waited for: one that the OS left asleep holds nothing back.
    void run(size_t tasks, const std::function<void(size_t, unsigned)> &task) {
        if (tasks == 0) return;
        if (count_ == 1 || tasks == 1) {
            for (size_t i = 0; i < tasks; i++) task(i, 0);
            return;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            task_ = &task;
            total_ = tasks;
            next_.store(0);
            completed_.store(0);
            generation_++;
        }
        wake_.notify_all();
        take(0);
        std::unique_lock<std::mutex> lock(mutex_);
        done_.wait(lock, [this] { return completed_.load() == total_ && active_ == 0; });
        task_ = nullptr;
    }

    // Splits [0, n) into chunks of at least `grain` items, about four per thread (so a stalled
    // thread holds back little), and runs body(begin, end) on each.
    void forRange(size_t n, size_t grain, const std::function<void(size_t, size_t)> &body) {
        if (n == 0) return;
        size_t chunks = std::min<size_t>(std::max<size_t>(1, n / std::max<size_t>(1, grain)), size_t(count_) * 4);
        size_t step = (n + chunks - 1) / chunks;
        chunks = (n + step - 1) / step;
        run(chunks, [&](size_t c, unsigned) { body(c * step, std::min(n, (c + 1) * step)); });
    }

private:
    void take(unsigned thread) {
        for (size_t i = next_.fetch_add(1); i < total_; i = next_.fetch_add(1)) {
            (*task_)(i, thread);
            if (completed_.fetch_add(1) + 1 == total_) {
                std::lock_guard<std::mutex> lock(mutex_);
                done_.notify_one();
            }
        }
    }

    void work(unsigned thread) {
        unsigned long seen = 0;
        for (;;) {
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
                if (stopping_) return;
                seen = generation_;
                if (task_ == nullptr) continue;  // woke after that run had finished
                active_++;
            }
            take(thread);
            {
                std::lock_guard<std::mutex> lock(mutex_);
                active_--;
            }
            done_.notify_one();
        }
    }

    unsigned count_ = 1;
    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    const std::function<void(size_t, unsigned)> *task_ = nullptr;
    size_t total_ = 0;
    std::atomic<size_t> next_{0};
    std::atomic<size_t> completed_{0};
    unsigned active_ = 0;
    unsigned long generation_ = 0;
    bool stopping_ = false;
};

}  // namespace zkdesk

#endif
