// The prover must not outlive the worker that started it: a cancelled or timed-out job kills the
// worker, and a prover left running would keep burning every core for nobody.
#ifndef ZKDESK_PARENT_WATCH_HPP
#define ZKDESK_PARENT_WATCH_HPP

/**
 * Ends this process (exit code 3) as soon as its parent is gone. Everywhere: the parent's end of
 * stdin closing, when `stdinFromParent` (the worker keeps the pipe open for the whole job; the
 * operating system closes it when the worker dies, however it dies). POSIX: the parent pid
 * changing (we were re-parented), and on Linux PR_SET_PDEATHSIG too. Windows: the parent
 * process's handle becoming signalled; there the worker's Node also puts every child it spawns
 * in libuv's job object with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, so the kernel ends us with it.
 */
void startParentWatch(bool stdinFromParent);

#endif
