// The one instance of each field that ffiasm's templates (and FFT code) reach as Field::field.
#include "fq.hpp"
#include "fr.hpp"

RawFq RawFq::field;
RawFr RawFr::field;

#ifdef ZKDESK_FIELD_ASM
// ffiasm's generated assembly calls this on an internal error (it never happens in the raw
// functions we use); its C++ twin is not compiled here.
extern "C" void Fr_fail() { throw std::runtime_error("field assembly failed"); }
extern "C" void Fq_fail() { throw std::runtime_error("field assembly failed"); }
#endif
