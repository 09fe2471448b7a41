#include "parent_watch.hpp"

#include <thread>

#ifdef _WIN32
#include <windows.h>
#include <tlhelp32.h>
#else
#include <poll.h>
#include <unistd.h>
#ifdef __linux__
#include <signal.h>
#include <sys/prctl.h>
#endif
#endif

namespace {

[[noreturn]] void parentGone() {
#ifdef _WIN32
    TerminateProcess(GetCurrentProcess(), 3);
#endif
    _exit(3);
}

#ifdef _WIN32
DWORD parentPid() {
    const DWORD self = GetCurrentProcessId();
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snapshot == INVALID_HANDLE_VALUE) return 0;
    PROCESSENTRY32 entry;
    entry.dwSize = sizeof entry;
    DWORD parent = 0;
    for (BOOL ok = Process32First(snapshot, &entry); ok; ok = Process32Next(snapshot, &entry)) {
        if (entry.th32ProcessID == self) {
            parent = entry.th32ParentProcessID;
            break;
        }
    }
    CloseHandle(snapshot);
    return parent;
}
#endif

}  // namespace

void startParentWatch(bool stdinFromParent) {
#ifdef _WIN32
    if (stdinFromParent) {
        HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
        std::thread([in] {
            char byte;
            DWORD got = 0;
            // Blocks until the worker writes (it never does after the witness) or its end closes.
            while (ReadFile(in, &byte, 1, &got, nullptr) && got > 0) {
            }
            parentGone();
        }).detach();
    }
    // A pid is only reused after every handle to the process is closed: opened now, the handle
    // keeps meaning this parent. Where it cannot be opened, stdin and the job object remain.
    if (DWORD pid = parentPid()) {
        if (HANDLE parent = OpenProcess(SYNCHRONIZE, FALSE, pid)) {
            std::thread([parent] {
                WaitForSingleObject(parent, INFINITE);
                parentGone();
            }).detach();
        }
    }
#else
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    const pid_t parent = getppid();
    if (parent == 1) parentGone();  // already orphaned before we could look
    std::thread([parent, stdinFromParent] {
        struct pollfd in = {0, POLLIN, 0};
        char buffer[256];
        for (;;) {
            // Wakes on input, hang-up or error at once; otherwise twice a second for the pid.
            if (stdinFromParent && poll(&in, 1, 500) > 0) {
                if (read(0, buffer, sizeof buffer) <= 0) parentGone();
            } else if (!stdinFromParent) {
                poll(nullptr, 0, 500);
            }
            if (getppid() != parent) parentGone();
        }
    }).detach();
#endif
}
