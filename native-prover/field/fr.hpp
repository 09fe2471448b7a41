// bn128's scalar field Fr as ffiasm's RawFr class, which its alt_bn128/curve/F2 code includes by this
// name. With ZKDESK_FIELD_ASM the multiplication, addition and conversions are ffiasm's generated
// x86-64 assembly (fr.asm, needs BMI2 and ADX); without it, PortableArith's plain C++.
#ifndef ZKDESK_FR_HPP
#define ZKDESK_FR_HPP
#include "bn128_moduli.hpp"

#ifdef ZKDESK_FIELD_ASM
extern "C" void Fr_rawMMul(uint64_t *r, const uint64_t *a, const uint64_t *b);
extern "C" void Fr_rawMSquare(uint64_t *r, const uint64_t *a);
extern "C" void Fr_rawAdd(uint64_t *r, const uint64_t *a, const uint64_t *b);
extern "C" void Fr_rawSub(uint64_t *r, const uint64_t *a, const uint64_t *b);
extern "C" void Fr_rawNeg(uint64_t *r, const uint64_t *a);
extern "C" void Fr_rawToMontgomery(uint64_t *r, const uint64_t *a);
extern "C" void Fr_rawFromMontgomery(uint64_t *r, const uint64_t *a);

struct FrAsmArith {
    static inline void mul(uint64_t *r, const uint64_t *a, const uint64_t *b) { Fr_rawMMul(r, a, b); }
    static inline void square(uint64_t *r, const uint64_t *a) { Fr_rawMSquare(r, a); }
    static inline void add(uint64_t *r, const uint64_t *a, const uint64_t *b) { Fr_rawAdd(r, a, b); }
    static inline void sub(uint64_t *r, const uint64_t *a, const uint64_t *b) { Fr_rawSub(r, a, b); }
    static inline void neg(uint64_t *r, const uint64_t *a) { Fr_rawNeg(r, a); }
    static inline void toMontgomery(uint64_t *r, const uint64_t *a) { Fr_rawToMontgomery(r, a); }
    static inline void fromMontgomery(uint64_t *r, const uint64_t *a) { Fr_rawFromMontgomery(r, a); }
};
using FrArith = FrAsmArith;
#else
using FrArith = zkdesk::PortableArith<zkdesk::kBn128R>;
#endif

class RawFr : public zkdesk::MontgomeryField<zkdesk::kBn128R, FrArith> {
public:
    static RawFr field;
};

#endif
