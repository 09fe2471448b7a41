// Checks the prover's own arithmetic against the plain definitions, on the real field code:
//  - Msm (G1 and G2) against Σ sᵢ·Pᵢ computed one scalar multiplication at a time, over every
//    window width, 1 and 3 threads, and the scalars and points that take the rare paths: zeros,
//    ones, r−1, repeated scalars (full buckets), repeated points (doublings in a bucket), a point
//    beside its negation (cancellation), and the point at infinity as a base;
//  - CosetFft against evaluating the polynomial at each coset point directly.
// Prints one line per check and exits 1 on the first mismatch. Built beside the prover as
// dist/native/zkdesk-arithmetic-selftest; tests/integration/prover/nativeArithmetic.test.ts runs it.
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>
#include <gmp.h>

#include "alt_bn128.hpp"
#include "bn128_roots.hpp"
#include "coset_fft.hpp"
#include "msm.hpp"
#include "thread_pool.hpp"

using namespace AltBn128;
using Scalar = AltBn128::FrElement;

namespace {

using zkdesk::BN128_R;
std::mt19937_64 rng(20261204);
int failures = 0;

void check(bool ok, const std::string &what) {
    std::printf("%s %s\n", ok ? "ok" : "FAIL", what.c_str());
    if (!ok) failures++;
}

// A scalar in standard form below r.
Scalar randomScalar() {
    mpz_t r, v;
    mpz_init_set_str(r, BN128_R, 10);
    mpz_init(v);
    uint64_t limbs[4];
    do {
        for (auto &l : limbs) l = rng();
        limbs[3] &= 0x3fffffffffffffffULL;
        mpz_import(v, 4, -1, 8, 0, 0, limbs);
    } while (mpz_cmp(v, r) >= 0);
    Scalar s;
    std::memset(&s, 0, sizeof s);
    mpz_export(s.v, nullptr, -1, 8, 0, 0, v);
    mpz_clears(r, v, nullptr);
    return s;
}

Scalar smallScalar(uint64_t value) {
    Scalar s;
    std::memset(&s, 0, sizeof s);
    s.v[0] = value;
    return s;
}

Scalar rMinusOne() {
    mpz_t r;
    mpz_init_set_str(r, BN128_R, 10);
    mpz_sub_ui(r, r, 1);
    Scalar s;
    std::memset(&s, 0, sizeof s);
    mpz_export(s.v, nullptr, -1, 8, 0, 0, r);
    mpz_clear(r);
    return s;
}

// Scalars that reach every path: mostly random, with zeros, ones, r−1 and repeats mixed in.
std::vector<Scalar> scalarsFor(size_t n) {
    std::vector<Scalar> s(n);
    for (size_t i = 0; i < n; i++) {
        switch (rng() % 8) {
            case 0: s[i] = smallScalar(0); break;
            case 1: s[i] = smallScalar(1); break;
            case 2: s[i] = rMinusOne(); break;
            case 3: s[i] = smallScalar(rng() % 5 + 2); break;
            default: s[i] = randomScalar();
        }
    }
    return s;
}

template <typename Curve>
std::vector<typename Curve::PointAffine> pointsFor(Curve &curve, size_t n) {
    std::vector<typename Curve::PointAffine> p(n);
    for (size_t i = 0; i < n; i++) {
        typename Curve::Point q;
        const unsigned kind = unsigned(rng() % 10);
        if (kind == 0 && i > 0) {
            curve.copy(p[i], p[rng() % i]);  // the same point again: a doubling inside a bucket
        } else if (kind == 1 && i > 0) {
            curve.neg(p[i], p[rng() % i]);  // its negation: a cancellation inside a bucket
        } else if (kind == 2) {
            curve.copy(p[i], curve.zeroAffine());
        } else {
            Scalar k = randomScalar();
            curve.mulByScalar(q, curve.one(), reinterpret_cast<uint8_t *>(&k), sizeof k);
            curve.copy(p[i], q);
        }
    }
    return p;
}

template <typename Curve>
void checkMsm(Curve &curve, const char *name, size_t n) {
    auto points = pointsFor(curve, n);
    auto scalars = scalarsFor(n);
    typename Curve::Point expected, expectedSuffix, term;
    curve.copy(expected, curve.zero());
    curve.copy(expectedSuffix, curve.zero());
    for (size_t i = 0; i < n; i++) {
        curve.mulByScalar(term, points[i], reinterpret_cast<uint8_t *>(&scalars[i]), sizeof(Scalar));
        curve.add(expected, expected, term);
        if (i >= 3) curve.add(expectedSuffix, expectedSuffix, term);
    }
    for (unsigned threads : {1u, 3u, 32u}) {
        zkdesk::ThreadPool pool(threads);
        // The widest windows (mostly empty buckets) once; every thread count on the narrower ones.
        for (unsigned bits = 2; bits <= (threads == 1 ? 15u : 10u); bits += (n > 64 ? 1 : 3)) {
            zkdesk::SignedDigits digits;
            digits.compute(pool, reinterpret_cast<const uint64_t *>(scalars.data()), n, bits);
            typename Curve::Point got;
            zkdesk::Msm<Curve>::run(pool, curve, got, points.data(), digits, 0, n);
            check(curve.eq(got, expected), std::string(name) + " msm n=" + std::to_string(n) + " window=" + std::to_string(bits) +
                                               " threads=" + std::to_string(threads));
            // A suffix, as the prover's C term uses.
            if (n > 3) {
                typename Curve::Point suffix;
                // Through runMsms beside a second job of the same curve, as the prover runs them.
                typename Curve::Point whole;
                zkdesk::MsmScratch<Curve> scratch(pool.size());
                zkdesk::Msm<Curve> suffixJob(curve, scratch, suffix, points.data() + 3, digits, 3, n - 3);
                zkdesk::Msm<Curve> wholeJob(curve, scratch, whole, points.data(), digits, 0, n);
                zkdesk::runMsms(pool, {&suffixJob, &wholeJob});
                check(curve.eq(whole, expected), std::string(name) + " msm beside another n=" + std::to_string(n));
                check(curve.eq(suffix, expectedSuffix), std::string(name) + " msm suffix n=" + std::to_string(n - 3) + " window=" + std::to_string(bits));
            }
        }
    }
}

void checkFft(unsigned power, unsigned threads) {
    const size_t n = size_t(1) << power;
    zkdesk::ThreadPool pool(threads);
    Scalar omega2n = zkdesk::rootOfUnity(power + 1), omega;
    Fr.mul(omega, omega2n, omega2n);
    std::vector<Scalar> coef(n), values(n, Fr.zero());
    for (auto &c : coef) {
        Scalar s = randomScalar();
        Fr.toMontgomery(c, s);
    }
    // Evaluations on ⟨ω⟩, then the expected ones on ω_{2n}·⟨ω⟩, by Horner at each point.
    auto evaluate = [&](const Scalar &x) {
        Scalar acc = Fr.zero();
        for (size_t i = n; i-- > 0;) {
            Fr.mul(acc, acc, x);
            Fr.add(acc, acc, coef[i]);
        }
        return acc;
    };
    std::vector<Scalar> expected(n);
    Scalar x = Fr.one(), y = omega2n;
    for (size_t k = 0; k < n; k++) {
        values[k] = evaluate(x);
        expected[k] = evaluate(y);
        Fr.mul(x, x, omega);
        Fr.mul(y, y, omega);
    }
    std::vector<Scalar> second = values;
    zkdesk::CosetFft<RawFr> fft(Fr, pool, power, omega2n);
    fft.toOddCoset({values.data(), second.data()});
    bool same = true;
    for (size_t k = 0; k < n; k++) same = same && Fr.eq(values[k], expected[k]) && Fr.eq(second[k], expected[k]);
    check(same, "coset fft n=" + std::to_string(n) + " threads=" + std::to_string(threads));
}

}  // namespace

int main() {
    for (unsigned power = 1; power <= 9; power++)
        for (unsigned threads : {1u, 2u, 5u}) checkFft(power, threads);
    for (size_t n : {1, 2, 7, 64, 300}) checkMsm(G1, "G1", n);
    for (size_t n : {1, 5, 100}) checkMsm(G2, "G2", n);
    std::printf("%s\n", failures ? "arithmetic self-test FAILED" : "arithmetic self-test passed");
    return failures ? 1 : 0;
}
