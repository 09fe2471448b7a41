// zkdesk's native Groth16 prover for bn128 keys made by snarkjs: the same algorithm as snarkjs's
// groth16_prove.js (witness MSMs, A/B/C on the odd coset, H from A·B − C), on iden3's ffiasm
// field and curve code (the code rapidsnark is built on). Usage:
//   zkdesk-groth16 <circuit.zkey> <witness.wtns|->
// Prints {"proof":…,"publicSignals":[…]} in snarkjs's JSON format on stdout, progress lines
// ("@progress <fraction> <step>") on stderr; a failure is one "error: …" line on stderr and exit 1.
// The caller (native-workers/nativeGroth16.ts) verifies every proof before anyone sees it.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <gmp.h>
#include <omp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "alt_bn128.hpp"
#include "binfile_utils.hpp"
#include "fft.hpp"
#include "wtns_utils.hpp"
#include "zkey_utils.hpp"

using namespace AltBn128;
// fr.hpp also declares a global FrElement (its tagged element); this is the raw Montgomery one.
using Scalar = AltBn128::FrElement;

namespace {

#pragma pack(push, 1)
struct Coef {
    uint32_t m;
    uint32_t c;
    uint32_t s;
    Scalar coef;
};
#pragma pack(pop)

const char *BN128_Q = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
const char *BN128_R = "21888242871839275222246405745257275088548364400416034343698204186575808495617";

void requirePrime(mpz_t prime, const char *expected, const char *what) {
    mpz_t e;
    mpz_init_set_str(e, expected, 10);
    bool same = mpz_cmp(prime, e) == 0;
    mpz_clear(e);
    if (!same) throw std::invalid_argument(std::string(what) + " is not on the bn128 curve");
}

// A uniformly random scalar below r: 32 random bytes, top bits cleared, rejected until below r.
Scalar randomScalar() {
    std::random_device device;
    mpz_t r, value;
    mpz_init_set_str(r, BN128_R, 10);
    mpz_init(value);
    uint8_t bytes[32];
    do {
        for (auto &b : bytes) b = static_cast<uint8_t>(device());
        bytes[31] &= 0x3f;
        mpz_import(value, 32, -1, 1, -1, 0, bytes);
    } while (mpz_cmp(value, r) >= 0);
    Scalar e;
    Fr.fromMpz(e, value);  // Montgomery form
    mpz_clear(r);
    mpz_clear(value);
    return e;
}

std::string g1Json(G1Point &p) {
    G1PointAffine a;
    G1.copy(a, p);
    return "[\"" + F1.toString(a.x) + "\",\"" + F1.toString(a.y) + "\",\"1\"]";
}

std::string g2Json(G2Point &p) {
    G2PointAffine a;
    G2.copy(a, p);
    return "[[\"" + F1.toString(a.x.a) + "\",\"" + F1.toString(a.x.b) + "\"],[\"" + F1.toString(a.y.a) + "\",\"" +
           F1.toString(a.y.b) + "\"],[\"1\",\"0\"]]";
}

void progress(double fraction, const char *step) { std::cerr << "@progress " << fraction << " " << step << std::endl; }

// binfile_utils trusts the section table; a truncated or padded file must fail here instead of
// being read past its end.
void requireSectionsInside(const std::vector<uint8_t> &file, const char *what) {
    auto u32 = [&](uint64_t at) { uint32_t v; std::memcpy(&v, file.data() + at, 4); return v; };
    auto u64 = [&](uint64_t at) { uint64_t v; std::memcpy(&v, file.data() + at, 8); return v; };
    if (file.size() < 12) throw std::invalid_argument(std::string(what) + " is too short to be one");
    uint64_t pos = 12;
    for (uint32_t i = 0, n = u32(8); i < n; i++) {
        if (pos + 12 > file.size()) throw std::invalid_argument(std::string(what) + " is truncated");
        uint64_t size = u64(pos + 4);
        pos += 12;
        if (size > file.size() - pos) throw std::invalid_argument(std::string(what) + " is truncated");
        pos += size;
    }
}

void requireSize(uint64_t actual, uint64_t expected, const char *what) {
    if (actual != expected) throw std::invalid_argument(std::string("the proving key's ") + what + " section has the wrong size");
}

std::vector<uint8_t> readAll(const std::string &path) {
    std::vector<uint8_t> data;
    if (path == "-") {
        std::cin >> std::noskipws;
        data.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::invalid_argument("cannot read " + path);
        data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return data;
}

// The job's memory cap, held by the kernel: main samples resident memory every 100 ms, and an
// MSM's buffers can be allocated faster than that. Past the limit an allocation fails
// (std::bad_alloc, reported as an error line) instead of the machine running out. RLIMIT_DATA
// on Linux counts the heap and anonymous mappings, not address space merely reserved; elsewhere
// RLIMIT_AS is the nearest there is.
void applyMemoryLimit() {
    const char *given = std::getenv("ZKDESK_PROVER_MEMORY_LIMIT_BYTES");
    if (given == nullptr) return;
    char *end = nullptr;
    const unsigned long long bytes = std::strtoull(given, &end, 10);
    if (end == given || *end != '\0' || bytes == 0) return;
    struct rlimit limit = {static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
#ifdef __linux__
    setrlimit(RLIMIT_DATA, &limit);
#else
    setrlimit(RLIMIT_AS, &limit);
#endif
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 3) {
        std::cerr << "usage: zkdesk-groth16 <circuit.zkey> <witness.wtns|->" << std::endl;
        return 2;
    }
    // Die with the worker that started us: a cancelled or timed-out job kills the worker, and a
    // prover left running would keep burning both cores for nobody.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) return 1;
    applyMemoryLimit();
    try {
        std::vector<uint8_t> zkeyBytes = readAll(argv[1]);
        requireSectionsInside(zkeyBytes, "the proving key");
        auto zkey = std::make_unique<BinFileUtils::BinFile>(zkeyBytes.data(), zkeyBytes.size(), "zkey", 1);
        zkeyBytes = std::vector<uint8_t>();
        auto header = ZKeyUtils::loadHeader(zkey.get());
        requirePrime(header->qPrime, BN128_Q, "the proving key");
        requirePrime(header->rPrime, BN128_R, "the proving key");

        std::vector<uint8_t> wtnsBytes = readAll(argv[2]);
        requireSectionsInside(wtnsBytes, "the witness");
        BinFileUtils::BinFile wtnsFile(wtnsBytes.data(), wtnsBytes.size(), "wtns", 2);
        auto wtnsHeader = WtnsUtils::loadHeader(&wtnsFile);
        requirePrime(wtnsHeader->prime, BN128_R, "the witness");
        if (wtnsHeader->nVars != header->nVars) {
            throw std::invalid_argument("the witness has " + std::to_string(wtnsHeader->nVars) + " values, the proving key expects " +
                                        std::to_string(header->nVars));
        }

        const uint32_t nVars = header->nVars;
        const uint32_t nPublic = header->nPublic;
        const uint64_t n = header->domainSize;
        uint32_t power = 0;
        while ((uint64_t(1) << power) < n) power++;

        const uint64_t g1 = sizeof(G1PointAffine), g2 = sizeof(G2PointAffine);
        requireSize(wtnsFile.getSectionSize(2), uint64_t(nVars) * sizeof(Scalar), "witness");
        requireSize(zkey->getSectionSize(5), uint64_t(nVars) * g1, "A points");
        requireSize(zkey->getSectionSize(6), uint64_t(nVars) * g1, "B1 points");
        requireSize(zkey->getSectionSize(7), uint64_t(nVars) * g2, "B2 points");
        requireSize(zkey->getSectionSize(8), uint64_t(nVars - nPublic - 1) * g1, "C points");
        requireSize(zkey->getSectionSize(9), n * g1, "H points");
        if (n != (uint64_t(1) << power)) throw std::invalid_argument("the proving key's domain is not a power of two");

        // Witness values are in standard form: the MSMs take them as scalars as they are.
        auto *wtns = static_cast<Scalar *>(wtnsFile.getSectionData(2));
        auto *coefsSection = static_cast<uint8_t *>(zkey->getSectionData(4));
        const uint32_t nCoefs = *reinterpret_cast<uint32_t *>(coefsSection);
        requireSize(zkey->getSectionSize(4), 4 + uint64_t(nCoefs) * sizeof(Coef), "coefficients");
        auto *coefs = reinterpret_cast<Coef *>(coefsSection + 4);
        auto *pointsA = static_cast<G1PointAffine *>(zkey->getSectionData(5));
        auto *pointsB1 = static_cast<G1PointAffine *>(zkey->getSectionData(6));
        auto *pointsB2 = static_cast<G2PointAffine *>(zkey->getSectionData(7));
        auto *pointsC = static_cast<G1PointAffine *>(zkey->getSectionData(8));
        auto *pointsH = static_cast<G1PointAffine *>(zkey->getSectionData(9));

        G1Point piA, piB1, piC, piH;
        G2Point piB;
        const unsigned int fr = sizeof(Scalar);
        // Fractions by measured share of the work (the G2 MSM costs about three G1 ones).
        progress(0.05, "A");
        G1.multiMulByScalar(piA, pointsA, reinterpret_cast<uint8_t *>(wtns), fr, nVars);
        progress(0.15, "B1");
        G1.multiMulByScalar(piB1, pointsB1, reinterpret_cast<uint8_t *>(wtns), fr, nVars);
        progress(0.25, "B2");
        G2.multiMulByScalar(piB, pointsB2, reinterpret_cast<uint8_t *>(wtns), fr, nVars);
        progress(0.55, "C");
        G1.multiMulByScalar(piC, pointsC, reinterpret_cast<uint8_t *>(wtns + nPublic + 1), fr, nVars - nPublic - 1);
        progress(0.65, "ABC");

        // A and B evaluated on the domain. A stored coefficient is c·R² (snarkjs's zkey), so its
        // Montgomery product with a standard-form witness value is c·w in Montgomery form.
        std::vector<Scalar> a(n), b(n), c(n);
        for (uint64_t i = 0; i < n; i++) {
            Fr.copy(a[i], Fr.zero());
            Fr.copy(b[i], Fr.zero());
        }
        for (uint32_t i = 0; i < nCoefs; i++) {
            const Coef &k = coefs[i];
            if (k.c >= n || k.s >= nVars || k.m > 1) throw std::invalid_argument("the proving key's coefficients are damaged");
            Scalar term;
            Fr.mul(term, wtns[k.s], k.coef);
            Scalar &target = (k.m == 0) ? a[k.c] : b[k.c];
            Fr.add(target, target, term);
        }
#pragma omp parallel for
        for (uint64_t i = 0; i < n; i++) Fr.mul(c[i], a[i], b[i]);

        // To the odd coset (ω_{2n}^i shifts), where the zkey's H points are expressed.
        FFT<RawFr> fft(n * 2);
        for (auto *v : {&a, &b, &c}) {
            Scalar *p = v->data();
            fft.ifft(p, n);
#pragma omp parallel for
            for (uint64_t i = 0; i < n; i++) Fr.mul(p[i], p[i], fft.root(power + 1, i));
            fft.fft(p, n);
        }
#pragma omp parallel for
        for (uint64_t i = 0; i < n; i++) {
            Fr.mul(a[i], a[i], b[i]);
            Fr.sub(a[i], a[i], c[i]);
            Fr.fromMontgomery(a[i], a[i]);
        }
        progress(0.8, "H");
        G1.multiMulByScalar(piH, pointsH, reinterpret_cast<uint8_t *>(a.data()), fr, n);

        // The blinding: r and s fresh for every proof (they make it zero-knowledge).
        Scalar r = randomScalar(), s = randomScalar();
        Scalar rStd, sStd, rsStd, rs;
        Fr.fromMontgomery(rStd, r);
        Fr.fromMontgomery(sStd, s);
        Fr.mul(rs, r, s);
        Fr.fromMontgomery(rsStd, rs);

        auto &alpha1 = *static_cast<G1PointAffine *>(header->vk_alpha1);
        auto &beta1 = *static_cast<G1PointAffine *>(header->vk_beta1);
        auto &beta2 = *static_cast<G2PointAffine *>(header->vk_beta2);
        auto &delta1 = *static_cast<G1PointAffine *>(header->vk_delta1);
        auto &delta2 = *static_cast<G2PointAffine *>(header->vk_delta2);
        G1Point t1;
        G2Point t2;

        G1.add(piA, piA, alpha1);
        G1.mulByScalar(t1, delta1, reinterpret_cast<uint8_t *>(&rStd), fr);
        G1.add(piA, piA, t1);

        G2.add(piB, piB, beta2);
        G2.mulByScalar(t2, delta2, reinterpret_cast<uint8_t *>(&sStd), fr);
        G2.add(piB, piB, t2);

        G1.add(piB1, piB1, beta1);
        G1.mulByScalar(t1, delta1, reinterpret_cast<uint8_t *>(&sStd), fr);
        G1.add(piB1, piB1, t1);

        G1.add(piC, piC, piH);
        G1.mulByScalar(t1, piA, reinterpret_cast<uint8_t *>(&sStd), fr);
        G1.add(piC, piC, t1);
        G1.mulByScalar(t1, piB1, reinterpret_cast<uint8_t *>(&rStd), fr);
        G1.add(piC, piC, t1);
        G1.mulByScalar(t1, delta1, reinterpret_cast<uint8_t *>(&rsStd), fr);
        G1.sub(piC, piC, t1);

        std::ostringstream out;
        out << "{\"proof\":{\"pi_a\":" << g1Json(piA) << ",\"pi_b\":" << g2Json(piB) << ",\"pi_c\":" << g1Json(piC)
            << ",\"protocol\":\"groth16\",\"curve\":\"bn128\"},\"publicSignals\":[";
        for (uint32_t i = 1; i <= nPublic; i++) {
            Scalar v;
            Fr.toMontgomery(v, wtns[i]);
            out << (i > 1 ? "," : "") << "\"" << Fr.toString(v) << "\"";
        }
        out << "]}\n";
        std::cout << out.str();
        // The worker adds this to its own peak: the job's memory is both processes'.
        struct rusage usage;
        getrusage(RUSAGE_SELF, &usage);
        std::cerr << "@peak " << uint64_t(usage.ru_maxrss) * 1024 << std::endl;
        return 0;
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    } catch (const std::exception *e) {
        // binfile_utils.cpp throws its errors with `new`.
        std::cerr << "error: " << e->what() << std::endl;
        return 1;
    }
}
