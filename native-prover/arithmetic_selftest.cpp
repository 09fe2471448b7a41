// Checks the prover's own arithmetic against the plain definitions, on the real field code:
//  - Msm (G1 and G2) against Σ sᵢ·Pᵢ computed one scalar multiplication at a time, over every
//    window width, 1 and 3 threads, and the scalars and points that take the rare paths: zeros,
//    ones, r−1, repeated scalars (full buckets), repeated points (doublings in a bucket), a point
//    beside its negation (cancellation), and the point at infinity as a base;
//  - CosetFft against evaluating the polynomial at each coset point directly;
//  - the field inverse (safegcd) against a^(p−2), on Fq and Fr, at random values and the edges:
//    zero (gives zero), one, p−1, small values and values with few or many bits.
// Prints one line per check and exits 1 on the first mismatch. Built beside the prover as
// dist/native/<os>-<arch>/zkdesk-arithmetic-selftest[-asm][.exe]; tests/integration/prover/nativeArithmetic.test.ts runs it.
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "alt_bn128.hpp"
#include "bn128_roots.hpp"
#include "coset_fft.hpp"
#include "msm.hpp"
#include "thread_pool.hpp"

using namespace AltBn128;
using Scalar = AltBn128::FrElement;

namespace {

std::mt19937_64 rng(20261204);
int failures = 0;

void check(bool ok, const std::string &what) {
    std::printf("%s %s\n", ok ? "ok" : "FAIL", what.c_str());
    if (!ok) failures++;
}

// A scalar in standard form below r.
Scalar randomScalar() {
    Scalar s;
    do {
        for (auto &l : s.v) l = rng();
        s.v[3] &= 0x3fffffffffffffffULL;
    } while (!RawFr::isCanonical(s.v));
    return s;
}

Scalar smallScalar(uint64_t value) {
    Scalar s;
    std::memset(&s, 0, sizeof s);
    s.v[0] = value;
    return s;
}

Scalar rMinusOne() {
    Scalar s;
    std::memcpy(s.v, RawFr::modulus().p, sizeof s.v);
    s.v[0] -= 1;  // r is odd
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

// inv (safegcd) against Fermat's a^(p−2) and a·a⁻¹ = 1, on random and edge values of one field.
template <typename Field>
void checkInverse(Field &field, const char *name) {
    using Element = typename Field::Element;
    const auto &p = Field::modulus().p;
    std::vector<Element> plain;
    auto limbs = [&](uint64_t l0, uint64_t l1, uint64_t l2, uint64_t l3) {
        Element e;
        e.v[0] = l0, e.v[1] = l1, e.v[2] = l2, e.v[3] = l3;
        plain.push_back(e);
    };
    limbs(0, 0, 0, 0);
    limbs(1, 0, 0, 0);
    limbs(2, 0, 0, 0);
    limbs(p[0] - 1, p[1], p[2], p[3]);  // p−1 (p is odd)
    limbs(p[0] - 2, p[1], p[2], p[3]);
    limbs(~0ULL, 0, 0, 0);
    limbs(0, 0, 0, 1);
    limbs(0, 0, 0, p[3] >> 1);
    for (int i = 0; i < 2000; i++) {
        Element e;
        do {
            for (auto &l : e.v) l = rng();
            e.v[3] &= (i % 2) ? 0x3fffffffffffffffULL : 0xffULL;  // wide and narrow values
        } while (!Field::isCanonical(e.v));
        plain.push_back(e);
    }
    bool same = true, unit = true, zero = true;
    for (size_t i = 0; i < plain.size(); i++) {
        Element a, fast, slow, product;
        field.toMontgomery(a, plain[i]);
        field.inv(fast, a);
        field.invByFermat(slow, a);
        same = same && field.eq(fast, slow);
        if (field.isZero(a)) {
            zero = zero && field.isZero(fast);
        } else {
            field.mul(product, a, fast);
            unit = unit && field.eq(product, field.one());
        }
    }
    check(same, std::string(name) + " inverse equals a^(p-2) on " + std::to_string(plain.size()) + " values");
    check(unit, std::string(name) + " a * inverse(a) = 1");
    check(zero, std::string(name) + " inverse(0) = 0");
}

}  // namespace

int main() {
    checkInverse(RawFq::field, "Fq");
    checkInverse(RawFr::field, "Fr");
    for (unsigned power = 1; power <= 9; power++)
        for (unsigned threads : {1u, 2u, 5u}) checkFft(power, threads);
    for (size_t n : {1, 2, 7, 64, 300}) checkMsm(G1, "G1", n);
    for (size_t n : {1, 5, 100}) checkMsm(G2, "G2", n);
    std::printf("%s\n", failures ? "arithmetic self-test FAILED" : "arithmetic self-test passed");
    return failures ? 1 : 0;
}
