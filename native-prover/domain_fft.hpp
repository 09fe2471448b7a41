// Radix-2 FFT over a field's 2^k-th roots of unity, with the interface of ffiasm's FFT<Field>
// (fft, ifft, root) but no GMP: the roots come from the field's own arithmetic. The primitive
// root of order 2^k is g^((p-1)/2^k) for the smallest quadratic non-residue g, the same chain
// snarkjs uses (bn128's Fr: g = 5), so the odd coset the zkey's H points expect is the same.
#ifndef ZKDESK_DOMAIN_FFT_HPP
#define ZKDESK_DOMAIN_FFT_HPP

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

template <typename Field>
class DomainFft {
    using Element = typename Field::Element;
    Field &f = Field::field;
    uint32_t maxPower;
    std::vector<Element> roots;  // roots[i] = w^i, w of order 2^maxPower

    static void shiftRight(uint64_t v[4], unsigned bits) {
        for (unsigned b = 0; b < bits; b++) {
            for (int i = 0; i < 4; i++) v[i] = (v[i] >> 1) | (i < 3 ? v[i + 1] << 63 : 0);
        }
    }

public:
    explicit DomainFft(uint64_t maxDomainSize) {
        maxPower = 0;
        while ((uint64_t(1) << maxPower) < maxDomainSize) maxPower++;
        const auto &m = Field::modulus();
        uint64_t pMinus1[4] = {m.p[0] - 1, m.p[1], m.p[2], m.p[3]};  // p is odd: no borrow
        unsigned twoAdicity = 0;
        while (!((pMinus1[twoAdicity / 64] >> (twoAdicity % 64)) & 1)) twoAdicity++;
        if (maxPower > twoAdicity) throw std::invalid_argument("the proving key's domain is too big for the curve");

        uint64_t half[4] = {pMinus1[0], pMinus1[1], pMinus1[2], pMinus1[3]};
        shiftRight(half, 1);
        Element nqr, test;
        for (int candidate = 2;; candidate++) {
            f.fromUI(nqr, candidate);
            f.exp(test, nqr, reinterpret_cast<const uint8_t *>(half), sizeof half);
            if (f.eq(test, f.negOne())) break;
        }
        uint64_t cofactor[4] = {pMinus1[0], pMinus1[1], pMinus1[2], pMinus1[3]};
        shiftRight(cofactor, maxPower);
        Element w;
        f.exp(w, nqr, reinterpret_cast<const uint8_t *>(cofactor), sizeof cofactor);

        const uint64_t n = uint64_t(1) << maxPower;
        roots.resize(n);
        f.copy(roots[0], f.one());
        for (uint64_t i = 1; i < n; i++) f.mul(roots[i], roots[i - 1], w);
    }

    /** w_{2^domainPow}^idx. */
    inline Element &root(uint32_t domainPow, uint64_t idx) { return roots[idx << (maxPower - domainPow)]; }

    /** In place: a[k] = sum_i a[i]·w_n^(ik), n a power of two no bigger than the maximum domain. */
    void fft(Element *a, uint64_t n) {
        uint32_t power = 0;
        while ((uint64_t(1) << power) < n) power++;
        if ((uint64_t(1) << power) != n || power > maxPower) throw std::invalid_argument("FFT size is not a supported power of two");
        for (uint64_t i = 0, j = 0; i < n; i++) {
            if (i < j) std::swap(a[i], a[j]);
            uint64_t bit = n >> 1;
            for (; j & bit; bit >>= 1) j ^= bit;
            j |= bit;
        }
        for (uint32_t level = 1; level <= power; level++) {
            const uint64_t half = uint64_t(1) << (level - 1);
            const uint32_t stride = maxPower - level;
            // Every butterfly of a level is independent: one flat loop shares them out evenly,
            // whether the level has many small blocks or a few large ones.
#pragma omp parallel for
            for (int64_t k = 0; k < int64_t(n / 2); k++) {
                const uint64_t j = uint64_t(k) & (half - 1);
                const uint64_t i = ((uint64_t(k) >> (level - 1)) << level) + j;
                Element t;
                f.mul(t, a[i + half], roots[j << stride]);
                f.sub(a[i + half], a[i], t);
                f.add(a[i], a[i], t);
            }
        }
    }

    /** The inverse of fft: the forward transform read backwards from index 1, divided by n. */
    void ifft(Element *a, uint64_t n) {
        fft(a, n);
        for (uint64_t i = 1, j = n - 1; i < j; i++, j--) std::swap(a[i], a[j]);
        Element nInv;
        f.fromUI(nInv, n);
        f.inv(nInv, nInv);
#pragma omp parallel for
        for (int64_t i = 0; i < int64_t(n); i++) f.mul(a[i], a[i], nInv);
    }
};

#endif
