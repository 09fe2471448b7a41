// bn128's base field Fq (the curve's coordinates) as ffiasm's RawFq class, which its alt_bn128/curve/F2 code includes by this
// name. With ZKDESK_FIELD_ASM the multiplication, addition and conversions are ffiasm's generated
// x86-64 assembly (fq.asm, needs BMI2 and ADX); without it, PortableArith's plain C++.
#ifndef ZKDESK_FQ_HPP
#define ZKDESK_FQ_HPP
#include "bn128_moduli.hpp"

#ifdef ZKDESK_FIELD_ASM
extern "C" void Fq_rawMMul(uint64_t *r, const uint64_t *a, const uint64_t *b);
extern "C" void Fq_rawMSquare(uint64_t *r, const uint64_t *a);
extern "C" void Fq_rawAdd(uint64_t *r, const uint64_t *a, const uint64_t *b);
extern "C" void Fq_rawSub(uint64_t *r, const uint64_t *a, const uint64_t *b);
extern "C" void Fq_rawNeg(uint64_t *r, const uint64_t *a);
extern "C" void Fq_rawToMontgomery(uint64_t *r, const uint64_t *a);
extern "C" void Fq_rawFromMontgomery(uint64_t *r, const uint64_t *a);

struct FqAsmArith {
    static inline void mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { Fq_rawMMul(r, a, b); }
    static inline void square(uint64_t *r, const uint64_t *a) { Fq_rawMSquare(r, a); }
    static inline void add(uint64_t *r, const uint64_t *a, const uint64_t *b) { Fq_rawAdd(r, a, b); }
    static inline void sub(uint64_t *r, const uint64_t *a, const uint64_t *b) { Fq_rawSub(r, a, b); }
    static inline void neg(uint64_t *r, const uint64_t *a) { Fq_rawNeg(r, a); }
    static inline void toMontgomery(uint64_t *r, const uint64_t *a) { Fq_rawToMontgomery(r, a); }
    static inline void fromMontgomery(uint64_t *r, const uint64_t *a) { Fq_rawFromMontgomery(r, a); }
};
using FqArith = FqAsmArith;
#else
using FqArith = zkdesk::PortableArith<zkdesk::kBn128Q>;
#endif

class RawFq : public zkdesk::MontgomeryField<zkdesk::kBn128Q, FqArith> {
public:
    static RawFq field;
};

#endif
