// The roots of unity snarkjs builds its domains from, so our coset is the one the key's H points
// were made for; computed with our own field's exp (field/), no big-number library.
#ifndef ZKDESK_BN128_ROOTS_HPP
#define ZKDESK_BN128_ROOTS_HPP

#include <cstdint>
#include <cstring>

#include "alt_bn128.hpp"

namespace zkdesk {

// (r − 1) >> shift as little-endian bytes: r − 1 is r with its lowest bit cleared (r is odd).
inline void rMinusOneShifted(uint8_t out[32], unsigned shift) {
    uint64_t v[4];
    std::memcpy(v, RawFr::modulus().p, sizeof v);
    v[0] -= 1;
    for (unsigned s = 0; s < shift; s++) {
        for (int i = 0; i < 4; i++) v[i] = (v[i] >> 1) | (i < 3 ? v[i + 1] << 63 : 0);
    }
    for (int i = 0; i < 32; i++) out[i] = uint8_t(v[i / 8] >> (8 * (i % 8)));
}

// ω_{2^k} = g^((r-1)/2^k) for the least quadratic non-residue g (as snarkjs and ffiasm choose it).
inline AltBn128::FrElement rootOfUnity(unsigned k) {
    auto &Fr = AltBn128::Fr;
    uint8_t e[32];
    rMinusOneShifted(e, 1);
    AltBn128::FrElement g, w;
    for (unsigned value = 2;; value++) {
        Fr.fromUI(g, value);
        Fr.exp(w, g, e, sizeof e);
        if (!Fr.eq(w, Fr.one())) break;
    }
    rMinusOneShifted(e, k);
    Fr.exp(w, g, e, sizeof e);
    return w;
}

}  // namespace zkdesk

#endif
