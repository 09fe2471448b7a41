// bn128's scalar field constants the prover needs beside ffiasm's field: r itself, and the roots
// of unity snarkjs builds its domains from, so our coset is the one the key's H points were made for.
#ifndef ZKDESK_BN128_ROOTS_HPP
#define ZKDESK_BN128_ROOTS_HPP

#include <gmp.h>

#include "alt_bn128.hpp"

namespace zkdesk {

inline const char *BN128_R = "21888242871839275222246405745257275088548364400416034343698204186575808495617";

// ω_{2^k} = g^((r-1)/2^k) for the least quadratic non-residue g (as snarkjs and ffiasm choose it).
inline AltBn128::FrElement rootOfUnity(unsigned k) {
    mpz_t r, e, g, w;
    mpz_init_set_str(r, BN128_R, 10);
    mpz_inits(e, g, w, nullptr);
    mpz_sub_ui(e, r, 1);
    mpz_fdiv_q_2exp(e, e, 1);
    for (mpz_set_ui(g, 2);; mpz_add_ui(g, g, 1)) {
        mpz_powm(w, g, e, r);
        if (mpz_cmp_ui(w, 1) != 0) break;
    }
    mpz_sub_ui(e, r, 1);
    mpz_fdiv_q_2exp(e, e, k);
    mpz_powm(w, g, e, r);
    AltBn128::FrElement out;
    AltBn128::Fr.fromMpz(out, w);
    mpz_clears(r, e, g, w, nullptr);
    return out;
}

}  // namespace zkdesk

#endif
