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

template <typename Curve>
class Msm {
    using Point = typename Curve::Point;
    using Affine = typename Curve::PointAffine;
    using Element = typename std::remove_reference<decltype(std::declval<Curve &>().F)>::type::Element;

    // One thread's buckets for one window: affine sums, their XYZZ overflow, and the batch.
    struct Scratch {
        std::vector<Affine> bucket;
        std::vector<Point> overflow;
        std::vector<uint8_t> state;  // bit 0: bucket holds a point; 1: waits in the batch; 2: overflow used
        std::vector<uint32_t> batchBucket;
        std::vector<Affine> batchPoint;
        std::vector<Element> prefix;
    };

public:
    explicit Msm(Curve &curve) : curve_(curve), F_(curve.F) {}

    // result = Σ digits(i)·bases[i] over the `count` scalars of `digits` from `offset` on.
    void run(ThreadPool &pool, Point &result, const Affine *bases, const SignedDigits &digits, size_t offset, size_t count) {
        const unsigned windows = digits.windows;
        const size_t buckets = size_t(1) << (digits.bits - 1);
        // A task sums several windows at once where buckets are few (small inputs), so that
        // batches stay long (one inversion each) and conflicts rare; and the points are split
        // into chunks where windows are fewer than the threads want tasks.
        unsigned group = 1;
        while (group * buckets < 2048 && (windows + 2 * group - 1) / (2 * group) >= 2 * pool.size()) group *= 2;
        const unsigned groups = (windows + group - 1) / group;
        size_t chunks = 1;
        while (groups * chunks < 4 * pool.size() && count / (chunks * 2) >= 4 * buckets) chunks *= 2;
        const size_t step = (count + chunks - 1) / chunks;
        batch_ = std::max<size_t>(16, std::min<size_t>(256, group * buckets / 8));

        std::vector<Point> partial(size_t(windows) * chunks);
        for (auto &p : partial) curve_.copy(p, curve_.zero());
        std::vector<Scratch> scratch(pool.size());
        pool.run(size_t(groups) * chunks, [&](size_t task, unsigned thread) {
            const unsigned first = unsigned(task / chunks) * group, last = std::min(windows, first + group);
            const size_t chunk = task % chunks;
            const size_t begin = std::min(count, chunk * step), end = std::min(count, begin + step);
            windowSums(scratch[thread], &partial[size_t(first) * chunks + chunk], chunks, bases, digits, offset, first, last, begin, end,
                       buckets);
        });

        curve_.copy(result, curve_.zero());
        for (unsigned w = windows; w-- > 0;) {
            if (w + 1 < windows)
                for (unsigned b = 0; b < digits.bits; b++) curve_.dbl(result, result);
            for (size_t k = 0; k < chunks; k++) curve_.add(result, result, partial[size_t(w) * chunks + k]);
        }
    }

private:
    // out[(w - first) * outStride] = Σ over points [begin, end) of digit_w(i)·bases[i], for
    // windows [first, last), each window with its own `buckets` buckets in one shared batch.
    void windowSums(Scratch &s, Point *out, size_t outStride, const Affine *bases, const SignedDigits &digits, size_t offset,
                    unsigned first, unsigned last, size_t begin, size_t end, size_t buckets) {
        const size_t total = buckets * (last - first);
        if (s.bucket.size() < total) {
            s.bucket.resize(total);
            s.overflow.resize(total);
        }
        if (s.batchBucket.size() < batch_) {
            s.batchBucket.resize(batch_);
            s.batchPoint.resize(batch_);
            s.prefix.resize(batch_);
        }
        s.state.assign(total, 0);
        size_t waiting = 0;
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
                const size_t b = (w - first) * buckets + size_t(d < 0 ? -d : d) - 1;
                uint8_t &st = s.state[b];
                if (!(st & 1)) {
                    F_.copy(s.bucket[b].x, p.x);
                    if (d < 0) F_.neg(s.bucket[b].y, p.y); else F_.copy(s.bucket[b].y, p.y);
                    st |= 1;
                    continue;
                }
                // Equal x means a doubling or a cancellation: the affine formula has no answer there.
                if ((st & 2) || F_.eq(s.bucket[b].x, p.x)) {
                    Affine q;
                    F_.copy(q.x, p.x);
                    if (d < 0) F_.neg(q.y, p.y); else F_.copy(q.y, p.y);
                    if (st & 4) curve_.add(s.overflow[b], s.overflow[b], q);
                    else curve_.copy(s.overflow[b], q), st |= 4;
                    continue;
                }
                st |= 2;
                s.batchBucket[waiting] = uint32_t(b);
                F_.copy(s.batchPoint[waiting].x, p.x);
                if (d < 0) F_.neg(s.batchPoint[waiting].y, p.y); else F_.copy(s.batchPoint[waiting].y, p.y);
                if (++waiting == batch_) flush(s, waiting), waiting = 0;
            }
        }
        flush(s, waiting);

        // Σ (b+1)·bucket[b] per window, as a running sum from the top bucket down.
        for (unsigned w = first; w < last; w++) {
            Point running, sum;
            curve_.copy(running, curve_.zero());
            curve_.copy(sum, curve_.zero());
            const size_t base = (w - first) * buckets;
            for (size_t b = buckets; b-- > 0;) {
                const uint8_t st = s.state[base + b];
                if (st & 1) curve_.add(running, running, s.bucket[base + b]);
                if (st & 4) curve_.add(running, running, s.overflow[base + b]);
                curve_.add(sum, sum, running);
            }
            curve_.copy(out[(w - first) * outStride], sum);
        }
    }

    // bucket[b] += point for every waiting pair, with one inversion for all of them.
    void flush(Scratch &s, size_t waiting) {
        if (waiting == 0) return;
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
    }

    Curve &curve_;
    decltype(std::declval<Curve &>().F) F_;
    size_t batch_ = 256;
};

}  // namespace zkdesk

#endif
