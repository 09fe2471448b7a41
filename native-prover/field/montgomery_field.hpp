// A prime field of four 64-bit limbs in Montgomery form (R = 2^256), with the interface ffiasm's
// generated RawFr/RawFq classes have, so ffiasm's curve, F2 and MSM templates (and ours) run on
// it unchanged. The arithmetic comes from an `Arith` policy: PortableArith below (plain C++ with
// unsigned __int128: any 64-bit gcc or clang — arm64, mingw, x86-64 without BMI2/ADX) or the
// bindings to ffiasm's generated assembly (fr.hpp/fq.hpp, when built with ZKDESK_FIELD_ASM).
// Both give bit-identical results: the representation is the same, only the instructions differ.
// Nothing here needs GMP.
#ifndef ZKDESK_MONTGOMERY_FIELD_HPP
#define ZKDESK_MONTGOMERY_FIELD_HPP

#include <cstdint>
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#endif
#include <cstring>
#include <stdexcept>
#include <string>

#include "modular_inverse.hpp"

namespace zkdesk {

using u128 = unsigned __int128;
constexpr int kLimbs = 4;

/** Everything derived from the prime once, at compile time. */
struct Modulus {
    uint64_t p[kLimbs];
    uint64_t inv;          // -p^-1 mod 2^64
    uint64_t r2[kLimbs];   // R^2 mod p: toMontgomery multiplies by it
    uint64_t r3[kLimbs];   // R^3 mod p: turns a plain inverse of a Montgomery value back into one
    uint64_t pMinus2[kLimbs];
    unsigned bits;
};

namespace detail {

constexpr bool geq(const uint64_t a[kLimbs], const uint64_t b[kLimbs]) {
    for (int i = kLimbs - 1; i >= 0; i--) {
        if (a[i] != b[i]) return a[i] > b[i];
    }
    return true;
}

/** a -= b over the limbs; returns the borrow out. */
constexpr uint64_t subInPlace(uint64_t a[kLimbs], const uint64_t b[kLimbs]) {
    uint64_t borrow = 0;
    for (int i = 0; i < kLimbs; i++) {
        u128 d = u128(a[i]) - b[i] - borrow;
        a[i] = uint64_t(d);
        borrow = uint64_t(d >> 64) & 1;
    }
    return borrow;
}

/** a += b over the limbs; returns the carry out. */
constexpr uint64_t addInPlace(uint64_t a[kLimbs], const uint64_t b[kLimbs]) {
    uint64_t carry = 0;
    for (int i = 0; i < kLimbs; i++) {
        u128 s = u128(a[i]) + b[i] + carry;
        a[i] = uint64_t(s);
        carry = uint64_t(s >> 64);
    }
    return carry;
}

/** 2^k mod p by doubling, for the Montgomery constants (k up to 768: fine at compile time). */
constexpr void powerOfTwoModP(uint64_t out[kLimbs], const uint64_t p[kLimbs], unsigned k) {
    uint64_t x[kLimbs] = {1, 0, 0, 0};
    for (unsigned i = 0; i < k; i++) {
        uint64_t carry = addInPlace(x, x);
        if (carry || geq(x, p)) subInPlace(x, p);
    }
    for (int i = 0; i < kLimbs; i++) out[i] = x[i];
}

}  // namespace detail

constexpr Modulus makeModulus(uint64_t p0, uint64_t p1, uint64_t p2, uint64_t p3) {
    Modulus m{};
    m.p[0] = p0;
    m.p[1] = p1;
    m.p[2] = p2;
    m.p[3] = p3;
    // Newton's iteration doubles the correct low bits each round: 1 -> 64 in six.
    uint64_t x = 1;
    for (int i = 0; i < 6; i++) x *= 2 - p0 * x;
    m.inv = ~x + 1;
    detail::powerOfTwoModP(m.r2, m.p, 512);
    detail::powerOfTwoModP(m.r3, m.p, 768);
    const uint64_t two[kLimbs] = {2, 0, 0, 0};
    for (int i = 0; i < kLimbs; i++) m.pMinus2[i] = m.p[i];
    detail::subInPlace(m.pMinus2, two);
    m.bits = 256;
    while (m.bits > 0 && !((m.p[(m.bits - 1) / 64] >> ((m.bits - 1) % 64)) & 1)) m.bits--;
    return m;
}

namespace detail {

// One limb of an add-with-carry or subtract-with-borrow chain. On x86-64 the intrinsics become
// adc/sbb on the flags; spelled with unsigned __int128 instead, gcc keeps each carry in a
// register and spends two to three instructions per limb moving it, which made add and sub
// twice as slow as ffiasm's assembly. Elsewhere (arm64) the __int128 form is what compilers
// turn into adcs/sbcs.
#if defined(__x86_64__) || defined(_M_X64)
inline uint64_t addCarry(uint64_t a, uint64_t b, unsigned char &carry) {
    unsigned long long r;
    carry = _addcarry_u64(carry, a, b, &r);
    return r;
}
inline uint64_t subBorrow(uint64_t a, uint64_t b, unsigned char &borrow) {
    unsigned long long r;
    borrow = _subborrow_u64(borrow, a, b, &r);
    return r;
}
#else
inline uint64_t addCarry(uint64_t a, uint64_t b, unsigned char &carry) {
    u128 s = u128(a) + b + carry;
    carry = (unsigned char)(s >> 64);
    return uint64_t(s);
}
inline uint64_t subBorrow(uint64_t a, uint64_t b, unsigned char &borrow) {
    u128 d = u128(a) - b - borrow;
    borrow = (unsigned char)((d >> 64) & 1);
    return uint64_t(d);
}
#endif

}  // namespace detail

/**
 * Montgomery arithmetic in plain C++. The multiplication is the coarsely integrated operand
 * scanning form with the reduction folded into each row; because the prime's top limb leaves its
 * high bit free (true of both bn128 primes), the row's two carry chains cannot overflow the top
 * word and need no extra limb. Conditional subtractions select by mask, not by branch: whether a
 * sum passes p is a coin toss the branch predictor loses half the time.
 */
template <const Modulus &M>
struct PortableArith {
    static_assert(M.p[kLimbs - 1] < (uint64_t(1) << 63) - 1, "the no-extra-limb multiplication needs the prime's top bit free");

    /** s = t - p; returns the borrow (1 when t < p). */
    static inline unsigned char minusP(uint64_t s[kLimbs], const uint64_t t[kLimbs]) {
        unsigned char borrow = 0;
        for (int i = 0; i < kLimbs; i++) s[i] = detail::subBorrow(t[i], M.p[i], borrow);
        return borrow;
    }

    /** r = t - p if t >= p, else t (t < 2p). */
    static inline void reduceOnce(uint64_t r[kLimbs], const uint64_t t[kLimbs]) {
        uint64_t s[kLimbs];
        const uint64_t keep = uint64_t(0) - minusP(s, t);  // all ones when t < p
        for (int i = 0; i < kLimbs; i++) r[i] = (t[i] & keep) | (s[i] & ~keep);
    }

    /** reduceOnce by a branch: after a product, where it measured faster (see mul). */
    static inline void reduceOnceBranching(uint64_t r[kLimbs], const uint64_t t[kLimbs]) {
        uint64_t s[kLimbs];
        if (minusP(s, t)) {
            for (int i = 0; i < kLimbs; i++) r[i] = t[i];
        } else {
            for (int i = 0; i < kLimbs; i++) r[i] = s[i];
        }
    }

    static inline void mul(uint64_t r[kLimbs], const uint64_t a[kLimbs], const uint64_t b[kLimbs]) {
        uint64_t t[kLimbs] = {0, 0, 0, 0};
        for (int i = 0; i < kLimbs; i++) {
            const uint64_t bi = b[i];
            u128 prod = u128(a[0]) * bi + t[0];
            uint64_t carryMul = uint64_t(prod >> 64);
            const uint64_t low = uint64_t(prod);
            const uint64_t k = low * M.inv;
            uint64_t carryRed = uint64_t((u128(k) * M.p[0] + low) >> 64);
            for (int j = 1; j < kLimbs; j++) {
                prod = u128(a[j]) * bi + t[j] + carryMul;
                carryMul = uint64_t(prod >> 64);
                u128 red = u128(k) * M.p[j] + uint64_t(prod) + carryRed;
                carryRed = uint64_t(red >> 64);
                t[j - 1] = uint64_t(red);
            }
            t[kLimbs - 1] = carryMul + carryRed;
        }
        reduceOnceBranching(r, t);
    }

    static inline void square(uint64_t r[kLimbs], const uint64_t a[kLimbs]) { mul(r, a, a); }

    static inline void add(uint64_t r[kLimbs], const uint64_t a[kLimbs], const uint64_t b[kLimbs]) {
        uint64_t t[kLimbs];
        unsigned char carry = 0;
        for (int i = 0; i < kLimbs; i++) t[i] = detail::addCarry(a[i], b[i], carry);
        // a + b < 2p < 2^256: no carry out, one subtraction at most.
        reduceOnce(r, t);
    }

    static inline void sub(uint64_t r[kLimbs], const uint64_t a[kLimbs], const uint64_t b[kLimbs]) {
        uint64_t t[kLimbs];
        unsigned char borrow = 0;
        for (int i = 0; i < kLimbs; i++) t[i] = detail::subBorrow(a[i], b[i], borrow);
        // Went below zero: add p back.
        const uint64_t mask = uint64_t(0) - borrow;
        unsigned char carry = 0;
        for (int i = 0; i < kLimbs; i++) r[i] = detail::addCarry(t[i], M.p[i] & mask, carry);
    }

    static inline void neg(uint64_t r[kLimbs], const uint64_t a[kLimbs]) {
        const uint64_t zero[kLimbs] = {0, 0, 0, 0};
        sub(r, zero, a);
    }

    static inline void toMontgomery(uint64_t r[kLimbs], const uint64_t a[kLimbs]) { mul(r, a, M.r2); }

    static inline void fromMontgomery(uint64_t r[kLimbs], const uint64_t a[kLimbs]) {
        const uint64_t one[kLimbs] = {1, 0, 0, 0};
        mul(r, a, one);
    }
};

template <const Modulus &M, class Arith>
class MontgomeryField {
public:
    const static int N64 = kLimbs;
    const static int MaxBits = 254;

    struct Element {
        uint64_t v[kLimbs];
    };

private:
    Element fZero;
    Element fOne;
    Element fNegOne;

public:
    MontgomeryField() {
        set(fZero, 0);
        set(fOne, 1);
        neg(fNegOne, fOne);
    }

    const Element &zero() { return fZero; }
    const Element &one() { return fOne; }
    const Element &negOne() { return fNegOne; }

    Element set(int value) {
        Element r;
        set(r, value);
        return r;
    }
    void set(Element &r, int value) {
        const uint64_t magnitude = value < 0 ? uint64_t(-int64_t(value)) : uint64_t(value);
        fromUI(r, magnitude);
        if (value < 0) neg(r, r);
    }
    void fromUI(Element &r, unsigned long int value) {
        Element plain = {{uint64_t(value), 0, 0, 0}};
        toMontgomery(r, plain);
    }

    /** Digits in `radix` (2..36), an optional leading minus, spaces ignored; reduced mod p. */
    void fromString(Element &r, const std::string &s, uint32_t radix = 10) {
        if (radix < 2 || radix > 36) throw std::invalid_argument("unsupported radix");
        Element base;
        fromUI(base, radix);
        copy(r, fZero);
        bool negative = false, any = false;
        for (char ch : s) {
            if (ch == ' ' || ch == '\t' || ch == '\n') continue;
            if (ch == '-' && !any) {
                negative = !negative;
                continue;
            }
            uint32_t digit = ch >= '0' && ch <= '9' ? uint32_t(ch - '0') : ch >= 'a' && ch <= 'z' ? uint32_t(ch - 'a' + 10) : ch >= 'A' && ch <= 'Z' ? uint32_t(ch - 'A' + 10) : 99;
            if (digit >= radix) throw std::invalid_argument("not a number: " + s);
            Element d;
            fromUI(d, digit);
            mul(r, r, base);
            add(r, r, d);
            any = true;
        }
        if (!any) throw std::invalid_argument("not a number: " + s);
        if (negative) neg(r, r);
    }

    std::string toString(const Element &a, uint32_t radix = 10) {
        if (radix < 2 || radix > 36) throw std::invalid_argument("unsupported radix");
        Element t;
        fromMontgomery(t, a);
        std::string digits;
        uint64_t *v = t.v;
        // Repeated division of the plain value by the radix, most significant limb first.
        while (v[0] || v[1] || v[2] || v[3]) {
            u128 rem = 0;
            for (int i = kLimbs - 1; i >= 0; i--) {
                u128 cur = (rem << 64) | v[i];
                v[i] = uint64_t(cur / radix);
                rem = cur % radix;
            }
            digits.push_back("0123456789abcdefghijklmnopqrstuvwxyz"[uint32_t(rem)]);
        }
        if (digits.empty()) return "0";
        return std::string(digits.rbegin(), digits.rend());
    }

    void inline copy(Element &r, const Element &a) { std::memcpy(r.v, a.v, sizeof r.v); }
    void inline swap(Element &a, Element &b) {
        Element t = a;
        a = b;
        b = t;
    }
    void inline add(Element &r, const Element &a, const Element &b) { Arith::add(r.v, a.v, b.v); }
    void inline sub(Element &r, const Element &a, const Element &b) { Arith::sub(r.v, a.v, b.v); }
    void inline mul(Element &r, const Element &a, const Element &b) { Arith::mul(r.v, a.v, b.v); }

    Element inline add(const Element &a, const Element &b) { Element r; add(r, a, b); return r; }
    Element inline sub(const Element &a, const Element &b) { Element r; sub(r, a, b); return r; }
    Element inline mul(const Element &a, const Element &b) { Element r; mul(r, a, b); return r; }
    Element inline neg(const Element &a) { Element r; neg(r, a); return r; }
    Element inline square(const Element &a) { Element r; square(r, a); return r; }

    Element inline add(int a, const Element &b) { return add(set(a), b); }
    Element inline sub(int a, const Element &b) { return sub(set(a), b); }
    Element inline mul(int a, const Element &b) { return mul(set(a), b); }
    Element inline add(const Element &a, int b) { return add(a, set(b)); }
    Element inline sub(const Element &a, int b) { return sub(a, set(b)); }
    Element inline mul(const Element &a, int b) { return mul(a, set(b)); }

    /** a·b·R^-1 for a plain one-limb b, as ffiasm's rawMMul1. */
    void inline mul1(Element &r, const Element &a, uint64_t b) {
        const Element plain = {{b, 0, 0, 0}};
        mul(r, a, plain);
    }
    void inline neg(Element &r, const Element &a) { Arith::neg(r.v, a.v); }
    void inline square(Element &r, const Element &a) { Arith::square(r.v, a.v); }

    /**
     * a⁻¹, by the plain inverse of the Montgomery value (aR)⁻¹ = a⁻¹R⁻¹ times R³ in Montgomery form
     * (a⁻¹R). No inverse of zero exists; it gives zero, as the curve code expects of the point at
     * infinity.
     */
    void inv(Element &r, const Element &a) {
        Element plain, r3;
        modularInverse(plain.v, a.v, M.p, M.inv);
        std::memcpy(r3.v, M.r3, sizeof r3.v);
        mul(r, plain, r3);
    }
    /** a^(p-2), the definition inv is checked against (arithmetic_selftest). */
    void invByFermat(Element &r, const Element &a) { exp(r, a, reinterpret_cast<const uint8_t *>(M.pMinus2), sizeof M.pMinus2); }
    void div(Element &r, const Element &a, const Element &b) {
        Element t;
        inv(t, b);
        mul(r, a, t);
    }
    /** base^scalar, the scalar as little-endian bytes; left to right, square and multiply. */
    void exp(Element &r, const Element &base, const uint8_t *scalar, unsigned int scalarSize) {
        Element acc = fOne;
        const Element b = base;
        for (int bit = int(scalarSize) * 8 - 1; bit >= 0; bit--) {
            square(acc, acc);
            if ((scalar[bit / 8] >> (bit % 8)) & 1) mul(acc, acc, b);
        }
        r = acc;
    }

    void inline toMontgomery(Element &r, const Element &a) { Arith::toMontgomery(r.v, a.v); }
    void inline fromMontgomery(Element &r, const Element &a) { Arith::fromMontgomery(r.v, a.v); }
    int inline eq(const Element &a, const Element &b) { return std::memcmp(a.v, b.v, sizeof a.v) == 0; }
    int inline isZero(const Element &a) { return (a.v[0] | a.v[1] | a.v[2] | a.v[3]) == 0; }

    /** The plain value, big-endian, right-aligned in `bytes` (at least 32). */
    int toRprBE(const Element &element, uint8_t *data, int bytes) {
        if (bytes < kLimbs * 8) return -(kLimbs * 8);
        Element t;
        fromMontgomery(t, element);
        std::memset(data, 0, size_t(bytes));
        for (int i = 0; i < kLimbs * 8; i++) data[bytes - 1 - i] = uint8_t(t.v[i / 8] >> (8 * (i % 8)));
        return kLimbs * 8;
    }
    int fromRprBE(Element &element, const uint8_t *data, int bytes) {
        if (bytes < kLimbs * 8) return -(kLimbs * 8);
        Element t = {{0, 0, 0, 0}};
        for (int i = 0; i < kLimbs * 8; i++) t.v[i / 8] |= uint64_t(data[bytes - 1 - i]) << (8 * (i % 8));
        if (detail::geq(t.v, M.p)) throw std::invalid_argument("value not below the prime");
        toMontgomery(element, t);
        return kLimbs * 8;
    }

    int bytes(void) { return kLimbs * 8; }

    /** Whether a plain (not Montgomery) value is a canonical field element. */
    static bool isCanonical(const uint64_t plain[kLimbs]) { return !detail::geq(plain, M.p); }
    static const Modulus &modulus() { return M; }
};

}  // namespace zkdesk

#endif
