// The prover's FFTs: evaluations of a polynomial on the domain of n-th roots of unity turned
// into its evaluations on the odd coset ω_{2n}·⟨ω_n⟩, where snarkjs's proving keys express H.
//
// One table T[i] = ω_{2n}^i (i < n) serves everything: it holds the coset's shifts and, at even
// indices, the domain's twiddles; the inverse twiddles are negated entries (ω_n^{-m} =
// -ω_{2n}^{n-2m}). An inverse decimation-in-frequency pass leaves the coefficients in
// bit-reversed order, and a decimation-in-time pass reads them in that order, so no permutation
// pass is needed. Generic over the field (ffiasm's RawFr or anything with the same members).
#ifndef ZKDESK_COSET_FFT_HPP
#define ZKDESK_COSET_FFT_HPP

#include <cstdint>
#include <vector>

#include "thread_pool.hpp"

namespace zkdesk {

template <typename Field>
class CosetFft {
public:
    using Element = typename Field::Element;

    // omega2n: a primitive 2n-th root of unity (n = 2^power), the one the proving key used.
    CosetFft(Field &field, ThreadPool &pool, unsigned power, const Element &omega2n)
        : F_(field), pool_(pool), power_(power), n_(size_t(1) << power), table_(n_) {
        // Each chunk starts from its own power of ω_{2n}, found by squaring.
        pool_.forRange(n_, 4096, [&](size_t begin, size_t end) {
            Element w = power_of(omega2n, begin);
            for (size_t i = begin; i < end; i++) {
                F_.copy(table_[i], w);
                F_.mul(w, w, omega2n);
            }
        });
        Element nElement;
        F_.copy(nElement, F_.one());
        for (unsigned k = 0; k < power; k++) F_.add(nElement, nElement, nElement);
        F_.inv(nInverse_, nElement);
    }

    size_t size() const { return n_; }

    // Each array: n evaluations on ⟨ω_n⟩ in, n evaluations on ω_{2n}·⟨ω_n⟩ out (natural order).
    void toOddCoset(const std::vector<Element *> &arrays) {
        inverseDif(arrays);
        pool_.run(arrays.size() * chunks(), [&](size_t task, unsigned) {
            Element *a = arrays[task / chunks()];
            const size_t per = n_ / chunks(), begin = (task % chunks()) * per;
            for (size_t p = begin; p < begin + per; p++) {
                F_.mul(a[p], a[p], table_[reverse(p)]);
                F_.mul(a[p], a[p], nInverse_);
            }
        });
        forwardDit(arrays);
    }

private:
    // Tasks per array: enough to spread over the pool with spares, each a power-of-two block.
    size_t chunks() const {
        size_t k = 1;
        while (k < size_t(pool_.size()) * 8 && k * 2 <= n_ / 2) k *= 2;
        return k;
    }

    size_t reverse(size_t p) const {
        size_t r = 0;
        for (unsigned b = 0; b < power_; b++) r |= ((p >> b) & 1) << (power_ - 1 - b);
        return r;
    }

    Element power_of(const Element &base, size_t e) {
        Element r, b;
        F_.copy(r, F_.one());
        F_.copy(b, base);
        for (; e; e >>= 1) {
            if (e & 1) F_.mul(r, r, b);
            F_.mul(b, b, b);
        }
        return r;
    }

    // One stage of butterflies over blocks of `len`, butterflies [from, to) of the n/2.
    void difStage(Element *a, size_t len, size_t from, size_t to) {
        const size_t half = len / 2, stride = n_ / len;
        Element u, t;
        for (size_t b = from; b < to; b++) {
            const size_t j = b % half, s = (b / half) * len + j;
            F_.copy(u, a[s]);
            F_.add(a[s], u, a[s + half]);
            if (j == 0) {
                F_.sub(a[s + half], u, a[s + half]);
            } else {
                F_.sub(t, a[s + half], u);
                F_.mul(a[s + half], t, table_[n_ - 2 * j * stride]);
            }
        }
    }

    void ditStage(Element *a, size_t len, size_t from, size_t to) {
        const size_t half = len / 2, stride = n_ / len;
        Element u, v;
        for (size_t b = from; b < to; b++) {
            const size_t j = b % half, s = (b / half) * len + j;
            F_.copy(u, a[s]);
            if (j == 0) F_.copy(v, a[s + half]);
            else F_.mul(v, a[s + half], table_[2 * j * stride]);
            F_.add(a[s], u, v);
            F_.sub(a[s + half], u, v);
        }
    }

    // Unscaled inverse DFT, natural order in, bit-reversed out. The wide stages split every
    // stage's butterflies over the pool; once blocks fit a task, each task finishes its block.
    void inverseDif(const std::vector<Element *> &arrays) {
        const size_t k = chunks(), block = n_ / k, butterflies = n_ / 2, per = butterflies / k;
        for (size_t len = n_; len > block; len /= 2) {
            pool_.run(arrays.size() * k, [&](size_t task, unsigned) {
                const size_t c = task % k;
                difStage(arrays[task / k], len, c * per, (c + 1) * per);
            });
        }
        pool_.run(arrays.size() * k, [&](size_t task, unsigned) {
            Element *a = arrays[task / k] + (task % k) * block;
            for (size_t len = block; len >= 2; len /= 2) stageInBlock(a, len, block, true);
        });
    }

    // DFT, bit-reversed order in, natural out: small blocks first, one task each, then the wide stages.
    void forwardDit(const std::vector<Element *> &arrays) {
        const size_t k = chunks(), block = n_ / k, butterflies = n_ / 2, per = butterflies / k;
        pool_.run(arrays.size() * k, [&](size_t task, unsigned) {
            Element *a = arrays[task / k] + (task % k) * block;
            for (size_t len = 2; len <= block; len *= 2) stageInBlock(a, len, block, false);
        });
        for (size_t len = block * 2; len <= n_; len *= 2) {
            pool_.run(arrays.size() * k, [&](size_t task, unsigned) {
                const size_t c = task % k;
                ditStage(arrays[task / k], len, c * per, (c + 1) * per);
            });
        }
    }

    // A stage of length `len` inside one block of `block` elements (block ≤ n): the twiddle
    // indices depend only on the position inside a sub-block of `len`, so the same code works.
    void stageInBlock(Element *a, size_t len, size_t block, bool dif) {
        if (dif) difStage(a, len, 0, block / 2);
        else ditStage(a, len, 0, block / 2);
    }

    Field &F_;
    ThreadPool &pool_;
    unsigned power_;
    size_t n_;
    std::vector<Element> table_;
    Element nInverse_;
};

}  // namespace zkdesk

#endif
