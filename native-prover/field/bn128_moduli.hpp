// The two bn128 primes: q, of the curve's coordinates (Fq), and r, of its scalars (Fr).
#ifndef ZKDESK_BN128_MODULI_HPP
#define ZKDESK_BN128_MODULI_HPP
#include "montgomery_field.hpp"

namespace zkdesk {
// 21888242871839275222246405745257275088696311157297823662689037894645226208583
inline constexpr Modulus kBn128Q = makeModulus(0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d, 0x30644e72e131a029);
// 21888242871839275222246405745257275088548364400416034343698204186575808495617
inline constexpr Modulus kBn128R = makeModulus(0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029);
}  // namespace zkdesk
#endif
