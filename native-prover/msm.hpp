// Multi-scalar multiplication Σ sᵢ·Pᵢ for the prover: Pippenger's bucket method over signed-digit
// windows, with buckets summed in affine form, a batch at a time, so that one field inversion
// (Montgomery's trick) serves a whole batch of additions.
//
// Generic over the curve: `Curve` is ffiasm's Curve<Field> (or anything with the same members:
// Point in XYZZ form, PointAffine, add/dbl/copy/isZero/zero() and a field F with
// add/sub/mul/square/neg/inv/isZero/eq/copy), so the same code serves G1 and G2 on either field.
//
// Why batch-affine: an affine addition costs 5M+1S plus a share of one inversion; the XYZZ
// mixed addition it replaces costs 8M+2S. Additions into a bucket that is already waiting in
// the current batch (or whose x equals the point's, a doubling or a cancellation) go to a second,
// XYZZ, accumulator for that bucket instead of waiting: correct in every case, and as fast as
// plain XYZZ Pippenger where scalars repeat (a witness full of ones).
#ifndef ZKDESK_MSM_HPP
#define ZKDESK_MSM_HPP

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "thread_pool.hpp"

namespace zkdesk {

// Scalars are 256-bit little-endian integers in standard form, below 2^254 (bn128's r).
constexpr unsigned kScalarBits = 254;

// The signed digits of n scalars for windows of `bits` bits: digit j of scalar i at [j*n + i],
// each in [-2^(bits-1), 2^(bits-1)] with Σ digit_j·2^(bits·j) = scalar.
struct SignedDigits {
    unsigned bits = 0;
    unsigned windows = 0;
    size_t n = 0;
    std::vector<int16_t> digits;

    static unsigned windowsFor(unsigned bits) { return kScalarBits / bits + 1; }

    void compute(ThreadPool &pool, const uint64_t *scalars, size_t count, unsigned windowBits) {
        bits = windowBits;
        windows = windowsFor(bits);
        n = count;
        digits.assign(size_t(windows) * n, 0);
        const int64_t half = int64_t(1) << (bits - 1), full = int64_t(1) << bits;
        pool.forRange(n, 1024, [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; i++) {
                const uint64_t *s = scalars + 4 * i;
                int64_t carry = 0;
                for (unsigned j = 0; j < windows; j++) {
                    unsigned at = j * bits;
                    uint64_t raw = 0;
                    if (at < 256) {
                        unsigned word = at / 64, shift = at % 64;
                        raw = s[word] >> shift;
                        if (shift + bits > 64 && word + 1 < 4) raw |= s[word + 1] << (64 - shift);
                        raw &= uint64_t(full - 1);
                    }
                    int64_t d = int64_t(raw) + carry;
                    carry = d > half ? 1 : 0;
                    if (carry) d -= full;
                    digits[size_t(j) * n + i] = int16_t(d);
                }
            }
        });
    }
};

// The window width that minimises the estimated additions for `n` points: every point once per
// window (about 6 multiplications in a batch) plus the running sum over 2^(c-1) buckets (two
// additions of about 12 multiplications each).
inline unsigned windowBitsFor(size_t n) {
    unsigned best = 2;
    double bestCost = 1e300;
    for (unsigned c = 2; c <= 15; c++) {
        double cost = double(SignedDigits::windowsFor(c)) * (6.0 * double(n) + 24.0 * double(size_t(1) << (c - 1)));
        if (cost < bestCost) bestCost = cost, best = c;
    }
    return best;
}

// An MSM cut into tasks that any thread may run. Several MSMs go through one pool.run
// (runMsms), so the threads share one tail at the end instead of one per MSM.
class MsmWork {
public:
    virtual ~MsmWork() = default;
    virtual size_t tasks() const = 0;
    virtual void runTask(size_t task, unsigned thread) = 0;
    virtual void finish() = 0;
};

// Runs the jobs' tasks in the order given (put the costliest first: the tail is then short).
inline void runMsms(ThreadPool &pool, const std::vector<MsmWork *> &jobs) {
    std::vector<size_t> starts;
    size_t total = 0;
    for (MsmWork *job : jobs) starts.push_back(total), total += job->tasks();
    pool.run(total, [&](size_t task, unsigned thread) {
        const size_t k = size_t(std::upper_bound(starts.begin(), starts.end(), task) - starts.begin()) - 1;
        jobs[k]->runTask(task - starts[k], thread);
    });
    for (MsmWork *job : jobs) job->finish();
}

// Each thread's buckets, kept across the MSMs of one curve (a thread runs one task at a time).
template <typename Curve>
struct MsmScratch {
    using Point = typename Curve::Point;
    using Affine = typename Curve::PointAffine;
    using Element = typename std::remove_reference<decltype(std::declval<Curve &>().F)>::type::Element;
    struct Thread {
        std::vector<Affine> bucket;  // affine sums
        std::unordered_map<uint32_t, Point> overflow;  // XYZZ sums of what could not join a batch (few)
        std::vector<uint8_t> state;  // bit 0: bucket holds a point; 1: waits in the batch; 2: has overflow
        std::vector<uint32_t> batchBucket;
        std::vector<Affine> batchPoint;
        std::vector<Element> prefix;
        size_t waiting = 0;
        struct Deferred {
            uint32_t bucket;
            Affine *point;
            bool negate;
        };
        std::vector<Deferred> deferred;
    };
    explicit MsmScratch(unsigned threads) : threads(threads) {}
    std::vector<Thread> threads;
};

template <typename Curve>
class Msm : public MsmWork {
    using Point = typename Curve::Point;
    using Affine = typename Curve::PointAffine;
    using Element = typename MsmScratch<Curve>::Element;
    using Scratch = typename MsmScratch<Curve>::Thread;

public:
    // result = Σ digits(i)·bases[i] over the `count` scalars of `digits` from `offset` on, once
    // runMsms (or run) has run it.
    Msm(Curve &curve, MsmScratch<Curve> &scratch, Point &result, const Affine *bases, const SignedDigits &digits, size_t offset,
        size_t count)
        : curve_(curve), F_(curve.F), scratch_(scratch), result_(result), bases_(bases), digits_(digits), offset_(offset), count_(count) {
        const unsigned threads = unsigned(scratch.threads.size());
        windows_ = digits.windows;
        buckets_ = size_t(1) << (digits.bits - 1);
        // A task sums several windows at once where buckets are few (small inputs), so that
        // batches stay long (one inversion each) and conflicts rare; and the points are split
        // into chunks where windows are fewer than the threads want tasks.
        while (group_ * buckets_ < 2048 && (windows_ + 2 * group_ - 1) / (2 * group_) >= 2 * threads) group_ *= 2;
        groups_ = (windows_ + group_ - 1) / group_;
        while (groups_ * chunks_ < 4 * threads && count / (chunks_ * 2) >= 4 * buckets_) chunks_ *= 2;
        step_ = (count + chunks_ - 1) / chunks_;
        batch_ = std::max<size_t>(16, std::min<size_t>(256, group_ * buckets_ / 8));
        partial_.resize(size_t(windows_) * chunks_);
        for (auto &p : partial_) curve_.copy(p, curve_.zero());
    }

    // The same, run at once on its own.
    static void run(ThreadPool &pool, Curve &curve, Point &result, const Affine *bases, const SignedDigits &digits, size_t offset,
                    size_t count) {
        MsmScratch<Curve> scratch(pool.size());
        Msm job(curve, scratch, result, bases, digits, offset, count);
        runMsms(pool, {&job});
    }

    size_t tasks() const override { return size_t(groups_) * chunks_; }

    void runTask(size_t task, unsigned thread) override {
        const unsigned first = unsigned(task / chunks_) * group_, last = std::min(windows_, first + group_);
        const size_t chunk = task % chunks_;
        const size_t begin = std::min(count_, chunk * step_), end = std::min(count_, begin + step_);
        windowSums(scratch_.threads[thread], &partial_[size_t(first) * chunks_ + chunk], chunks_, bases_, digits_, offset_, first, last,
                   begin, end, buckets_);
    }

    void finish() override {
        curve_.copy(result_, curve_.zero());
        for (unsigned w = windows_; w-- > 0;) {
            if (w + 1 < windows_)
                for (unsigned b = 0; b < digits_.bits; b++) curve_.dbl(result_, result_);
            for (size_t k = 0; k < chunks_; k++) curve_.add(result_, result_, partial_[size_t(w) * chunks_ + k]);
        }
    }

private:
    // out[(w - first) * outStride] = Σ over points [begin, end) of digit_w(i)·bases[i], for
    // windows [first, last), each window with its own `buckets` buckets in one shared batch.
    void windowSums(Scratch &s, Point *out, size_t outStride, const Affine *bases, const SignedDigits &digits, size_t offset,
                    unsigned first, unsigned last, size_t begin, size_t end, size_t buckets) {
        const size_t total = buckets * (last - first);
        if (s.bucket.size() < total) s.bucket.resize(total);
        if (s.batchBucket.size() < batch_) {
            s.batchBucket.resize(batch_);
            s.batchPoint.resize(batch_);
            s.prefix.resize(batch_);
        }
        s.state.assign(total, 0);
        s.overflow.clear();
        s.deferred.clear();
        s.waiting = 0;
        for (size_t i = begin; i < end; i++) {
            // ffiasm's F2 field takes non-const references; nothing here writes to a base.
            Affine &p = const_cast<Affine &>(bases[i]);
            bool zeroChecked = false;
            for (unsigned w = first; w < last; w++) {
                const int d = digits.digits[size_t(w) * digits.n + offset + i];
                if (d == 0) continue;
                if (!zeroChecked) {
                    if (curve_.isZero(p)) break;  // a key stores unused points as (0, 0)
                    zeroChecked = true;
                }
                insert(s, uint32_t((w - first) * buckets + size_t(d < 0 ? -d : d) - 1), p, d < 0, true);
            }
        }
        flush(s);

        // Σ (b+1)·bucket[b] per window, as a running sum from the top bucket down.
        for (unsigned w = first; w < last; w++) {
            Point running, sum;
            curve_.copy(running, curve_.zero());
            curve_.copy(sum, curve_.zero());
            const size_t base = (w - first) * buckets;
            for (size_t b = buckets; b-- > 0;) {
                const uint8_t st = s.state[base + b];
                if (st & 1) curve_.add(running, running, s.bucket[base + b]);
                if (st & 4) curve_.add(running, running, s.overflow.find(uint32_t(base + b))->second);
                curve_.add(sum, sum, running);
            }
            curve_.copy(out[(w - first) * outStride], sum);
        }
    }

    // bucket[b] += ±p: straight in if the bucket is empty, else into the batch. A bucket already
    // in the batch waits for the next one (once); equal x (a doubling or a cancellation, where the
    // affine formula has no answer) and a second wait go to the bucket's XYZZ overflow, which
    // also keeps repeated scalars (a witness full of ones) from making batches of one.
    void insert(Scratch &s, uint32_t b, Affine &p, bool negate, bool mayWait) {
        uint8_t &st = s.state[b];
        if (!(st & 1)) {
            F_.copy(s.bucket[b].x, p.x);
            if (negate) F_.neg(s.bucket[b].y, p.y); else F_.copy(s.bucket[b].y, p.y);
            st |= 1;
            return;
        }
        if ((st & 2) && mayWait && s.deferred.size() < batch_) {
            s.deferred.push_back({b, &p, negate});
            return;
        }
        if ((st & 2) || F_.eq(s.bucket[b].x, p.x)) {
            Affine q;
            F_.copy(q.x, p.x);
            if (negate) F_.neg(q.y, p.y); else F_.copy(q.y, p.y);
            if (st & 4) {
                Point &o = s.overflow.find(b)->second;
                curve_.add(o, o, q);
            } else {
                curve_.copy(s.overflow[b], q);
                st |= 4;
            }
            return;
        }
        st |= 2;
        s.batchBucket[s.waiting] = b;
        F_.copy(s.batchPoint[s.waiting].x, p.x);
        if (negate) F_.neg(s.batchPoint[s.waiting].y, p.y); else F_.copy(s.batchPoint[s.waiting].y, p.y);
        if (++s.waiting == batch_) flush(s);
    }

    // bucket[b] += point for every waiting pair, with one inversion for all of them (Montgomery's
    // trick), then the deferred pairs join the next batch.
    void flush(Scratch &s) {
        while (s.waiting > 0) {
            const size_t waiting = s.waiting;
            Element acc, t;
            F_.copy(acc, F_.one());
            for (size_t k = 0; k < waiting; k++) {
                F_.copy(s.prefix[k], acc);
                F_.sub(t, s.batchPoint[k].x, s.bucket[s.batchBucket[k]].x);
                F_.mul(acc, acc, t);
            }
            Element inv;
            F_.inv(inv, acc);
            for (size_t k = waiting; k-- > 0;) {
                Affine &bucket = s.bucket[s.batchBucket[k]];
                Affine &p = s.batchPoint[k];
                Element dx, lambda, x3;
                F_.sub(dx, p.x, bucket.x);
                F_.mul(t, inv, s.prefix[k]);  // 1 / dx
                F_.mul(inv, inv, dx);
                F_.sub(lambda, p.y, bucket.y);
                F_.mul(lambda, lambda, t);
                F_.square(x3, lambda);
                F_.sub(x3, x3, bucket.x);
                F_.sub(x3, x3, p.x);
                F_.sub(t, bucket.x, x3);
                F_.mul(t, t, lambda);
                F_.sub(bucket.y, t, bucket.y);
                F_.copy(bucket.x, x3);
                s.state[s.batchBucket[k]] &= uint8_t(~2);
            }
            s.waiting = 0;
            // A batch that fills up here flushes inside insert (which may come back here):
            // the loop then ends with what is left.
            std::vector<typename Scratch::Deferred> again;
            again.swap(s.deferred);
            for (const auto &d : again) insert(s, d.bucket, *d.point, d.negate, false);
        }
    }

    Curve &curve_;
    decltype(std::declval<Curve &>().F) F_;
    MsmScratch<Curve> &scratch_;
    Point &result_;
    const Affine *bases_;
    const SignedDigits &digits_;
    size_t offset_, count_;
    unsigned windows_ = 0, group_ = 1, groups_ = 1;
    size_t buckets_ = 0, chunks_ = 1, step_ = 0, batch_ = 256;
    std::vector<Point> partial_;
};

}  // namespace zkdesk

#endif
