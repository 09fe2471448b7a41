// zkdesk's native Groth16 prover for bn128 keys made by snarkjs: the same statement as snarkjs's
// groth16_prove.js (witness MSMs, A/B/C on the odd coset, H from A·B − C), with our own MSM
// (msm.hpp), FFT (coset_fft.hpp) and thread pool (thread_pool.hpp) on our field (field/: ffiasm's
// generated assembly or portable C++) and iden3's ffiasm curve code. Usage:
//   zkdesk-groth16 [--watch-stdin] <circuit.zkey> <witness.wtns|->
//   zkdesk-groth16 --field          (prints which field path this build has: asm or portable)
// --watch-stdin: the caller keeps stdin open for the whole job and its closing ends the prover
// (platform/parent_watch.hpp); a witness on stdin is then read by its own length, not to EOF.
// Prints {"proof":…,"publicSignals":[…]} in snarkjs's JSON format on stdout, progress lines
// ("@progress <fraction> <step>") on stderr; a failure is one "error: …" line on stderr and exit 1.
// ZKDESK_TIMINGS=1 adds "@time <step> <ms>" lines (scripts/native/compareRapidsnark.ts reads them).
// The caller (native-workers/nativeGroth16.ts) verifies every proof before anyone sees it.
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef _WIN32
#include <sys/resource.h>
#endif
#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

#include "alt_bn128.hpp"
#include "bn128_roots.hpp"
#include "coset_fft.hpp"
#include "msm.hpp"
#include "platform/mapped_file.hpp"
#include "platform/parent_watch.hpp"
#include "platform/peak_memory.hpp"
#include "platform/stdin_bytes.hpp"
#include "snark_files.hpp"
#include "thread_pool.hpp"

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

// A uniformly random scalar below r, in standard form: 32 random bytes, top bits cleared,
// rejected until below r.
Scalar randomScalar() {
    std::random_device device;
    Scalar e;
    do {
        for (auto &limb : e.v) limb = (uint64_t(device()) << 32) | uint64_t(device());
        e.v[3] &= 0x3fffffffffffffffULL;
    } while (!RawFr::isCanonical(e.v));
    return e;
}

/**
 * r and s, in standard form. Fresh for every proof (they make it zero-knowledge), except when the
 * tests pin them (ZKDESK_TEST_FIXED_BLINDING="r,s" in decimal) to compare two builds proof by
 * proof; the worker never passes that variable on.
 */
void blinding(Scalar &rStd, Scalar &sStd) {
    const char *fixed = std::getenv("ZKDESK_TEST_FIXED_BLINDING");
    if (!fixed || !*fixed) {
        rStd = randomScalar();
        sStd = randomScalar();
        return;
    }
    const std::string both(fixed);
    const size_t comma = both.find(',');
    if (comma == std::string::npos) throw std::invalid_argument("ZKDESK_TEST_FIXED_BLINDING must be r,s");
    Scalar r, s;
    Fr.fromString(r, both.substr(0, comma));
    Fr.fromString(s, both.substr(comma + 1));
    Fr.fromMontgomery(rStd, r);
    Fr.fromMontgomery(sStd, s);
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

class StepClock {
public:
    StepClock() : enabled_(std::getenv("ZKDESK_TIMINGS") != nullptr), last_(std::chrono::steady_clock::now()) {}
    void lap(const char *step) {
        if (!enabled_) return;
        auto now = std::chrono::steady_clock::now();
        std::cerr << "@time " << step << " " << std::chrono::duration<double, std::milli>(now - last_).count() << std::endl;
        last_ = now;
    }

private:
    bool enabled_;
    std::chrono::steady_clock::time_point last_;
};

void requireSize(uint64_t actual, uint64_t expected, const char *what) {
    if (actual != expected) throw std::invalid_argument(std::string("the proving key's ") + what + " section has the wrong size");
}

const char *kFieldPath =
#ifdef ZKDESK_FIELD_ASM
    "asm";
#else
    "portable";
#endif

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
#ifdef _WIN32
    // Windows has no setrlimit: the worker's 100 ms memory sampling is what holds the cap there.
    (void)bytes;
#else
    struct rlimit limit = {static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
#ifdef __linux__
    setrlimit(RLIMIT_DATA, &limit);
#else
    setrlimit(RLIMIT_AS, &limit);
#endif
#endif
}

}  // namespace

int main(int argc, char **argv) {
#ifdef _WIN32
    _setmode(_fileno(stdout), _O_BINARY);  // the same bytes as everywhere else: \n, not \r\n
#endif
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 1 && args[0] == "--field") {
        std::cout << kFieldPath << std::endl;
        return 0;
    }
    const bool watchStdin = !args.empty() && args[0] == "--watch-stdin";
    if (watchStdin) args.erase(args.begin());
    if (args.size() != 2) {
        std::cerr << "usage: zkdesk-groth16 [--watch-stdin] <circuit.zkey> <witness.wtns|->" << std::endl;
        return 2;
    }
    // Die with the worker that started us: a cancelled or timed-out job kills the worker, and a
    // prover left running would keep burning every core for nobody.
    if (!watchStdin) startParentWatch(false);
    applyMemoryLimit();
    try {
        StepClock clock;
        zkdesk::ThreadPool pool;
        MappedFile zkeyBytes(args[0]);
        SectionedFile zkey(zkeyBytes.data(), zkeyBytes.size(), "zkey", "the proving key");
        ZkeyHeader header(zkey);
        if (!isPrimeOf<RawFq>(header.q) || !isPrimeOf<RawFr>(header.r)) throw std::invalid_argument("the proving key is not on the bn128 curve");

        std::unique_ptr<MappedFile> wtnsMapped;
        std::vector<uint8_t> wtnsRead;
        if (args[1] == "-") wtnsRead = readSectionedFileFromStdin(); else wtnsMapped.reset(new MappedFile(args[1]));
        if (watchStdin) startParentWatch(args[1] == "-");
        SectionedFile wtnsFile(wtnsMapped ? wtnsMapped->data() : wtnsRead.data(), wtnsMapped ? wtnsMapped->size() : wtnsRead.size(), "wtns",
                               "the witness");
        WtnsHeader wtnsHeader(wtnsFile);
        if (!isPrimeOf<RawFr>(wtnsHeader.prime)) throw std::invalid_argument("the witness is not on the bn128 curve");
        if (wtnsHeader.nVars != header.nVars) {
            throw std::invalid_argument("the witness has " + std::to_string(wtnsHeader.nVars) + " values, the proving key expects " +
                                        std::to_string(header.nVars));
        }
        const uint32_t nVars = header.nVars;
        const uint32_t nPublic = header.nPublic;
        const uint64_t n = header.domainSize;
        const uint64_t g1 = sizeof(G1PointAffine), g2 = sizeof(G2PointAffine);
        G1PointAffine alpha1, beta1, delta1;
        G2PointAffine beta2, delta2;
        std::memcpy(&alpha1, header.alpha1, sizeof alpha1);
        std::memcpy(&beta1, header.beta1, sizeof beta1);
        std::memcpy(&beta2, header.beta2, sizeof beta2);
        std::memcpy(&delta1, header.delta1, sizeof delta1);
        std::memcpy(&delta2, header.delta2, sizeof delta2);
        clock.lap("read");

        uint32_t power = 0;
        while ((uint64_t(1) << power) < n) power++;
        if (n == 0 || n != (uint64_t(1) << power) || power >= 28) throw std::invalid_argument("the proving key's domain is not a power of two");
        if (nVars <= nPublic) throw std::invalid_argument("the proving key's header is damaged");
        requireSize(wtnsFile.size(2), uint64_t(nVars) * sizeof(Scalar), "witness");
        requireSize(zkey.size(5), uint64_t(nVars) * g1, "A points");
        requireSize(zkey.size(6), uint64_t(nVars) * g1, "B1 points");
        requireSize(zkey.size(7), uint64_t(nVars) * g2, "B2 points");
        requireSize(zkey.size(8), uint64_t(nVars - nPublic - 1) * g1, "C points");
        requireSize(zkey.size(9), n * g1, "H points");

        // Witness values are in standard form: the MSMs take them as scalars as they are.
        const auto *wtns = reinterpret_cast<const Scalar *>(wtnsFile.data(2));
        const uint8_t *coefsSection = zkey.data(4);
        if (zkey.size(4) < 4) throw std::invalid_argument("the proving key's coefficients section has the wrong size");
        uint32_t nCoefs;
        std::memcpy(&nCoefs, coefsSection, 4);
        requireSize(zkey.size(4), 4 + uint64_t(nCoefs) * sizeof(Coef), "coefficients");
        const auto *coefs = reinterpret_cast<const Coef *>(coefsSection + 4);
        const auto *pointsA = reinterpret_cast<const G1PointAffine *>(zkey.data(5));
        const auto *pointsB1 = reinterpret_cast<const G1PointAffine *>(zkey.data(6));
        const auto *pointsB2 = reinterpret_cast<const G2PointAffine *>(zkey.data(7));
        const auto *pointsC = reinterpret_cast<const G1PointAffine *>(zkey.data(8));
        const auto *pointsH = reinterpret_cast<const G1PointAffine *>(zkey.data(9));

        G1Point piA, piB1, piC, piH;
        G2Point piB;
        zkdesk::MsmScratch<Curve<RawFq>> g1Scratch(pool.size());
        zkdesk::MsmScratch<Curve<F2Field<RawFq>>> g2Scratch(pool.size());
        // One set of digits serves A, B1, B2 and (from nPublic + 1 on) C.
        zkdesk::SignedDigits digits;
        digits.compute(pool, reinterpret_cast<const uint64_t *>(wtns), nVars, zkdesk::windowBitsFor(nVars));
        clock.lap("digits");
        progress(0.05, "witness-MSMs");
        {
            zkdesk::Msm<Curve<F2Field<RawFq>>> b2(G2, g2Scratch, piB, pointsB2, digits, 0, nVars);
            zkdesk::Msm<Curve<RawFq>> a1(G1, g1Scratch, piA, pointsA, digits, 0, nVars);
            zkdesk::Msm<Curve<RawFq>> b1(G1, g1Scratch, piB1, pointsB1, digits, 0, nVars);
            zkdesk::Msm<Curve<RawFq>> c1(G1, g1Scratch, piC, pointsC, digits, nPublic + 1, nVars - nPublic - 1);
            // The G2 MSM (about three G1 ones) first, so the last tasks are small ones.
            zkdesk::runMsms(pool, {&b2, &a1, &b1, &c1});
        }
        clock.lap("msm-ABC");
        digits = zkdesk::SignedDigits();
        progress(0.65, "FFT");

        // A and B evaluated on the domain. A stored coefficient is c·R² (snarkjs's zkey), so its
        // Montgomery product with a standard-form witness value is c·w in Montgomery form.
        std::vector<Scalar> a(n), b(n), c(n);
        std::memset(a.data(), 0, n * sizeof(Scalar));
        std::memset(b.data(), 0, n * sizeof(Scalar));
        for (uint32_t i = 0; i < nCoefs; i++) {
            const Coef &k = coefs[i];
            if (k.c >= n || k.s >= nVars || k.m > 1) throw std::invalid_argument("the proving key's coefficients are damaged");
        }
        // One task fills A, another B: each owns its array, so no two threads add into one value.
        pool.run(2, [&](size_t matrix, unsigned) {
            Scalar *target = matrix == 0 ? a.data() : b.data();
            for (uint32_t i = 0; i < nCoefs; i++) {
                const Coef &k = coefs[i];
                if (k.m != matrix) continue;
                Scalar term;
                Fr.mul(term, wtns[k.s], k.coef);
                Fr.add(target[k.c], target[k.c], term);
            }
        });
        pool.forRange(n, 4096, [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; i++) Fr.mul(c[i], a[i], b[i]);
        });
        clock.lap("abc");

        // To the odd coset (ω_{2n}^i shifts), where the zkey's H points are expressed.
        {
            zkdesk::CosetFft<RawFr> fft(Fr, pool, power, zkdesk::rootOfUnity(power + 1));
            fft.toOddCoset({a.data(), b.data(), c.data()});
        }
        clock.lap("fft");
        pool.forRange(n, 4096, [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; i++) {
                Fr.mul(a[i], a[i], b[i]);
                Fr.sub(a[i], a[i], c[i]);
                Fr.fromMontgomery(a[i], a[i]);
            }
        });
        b = std::vector<Scalar>();
        c = std::vector<Scalar>();
        progress(0.8, "H");
        {
            zkdesk::SignedDigits hDigits;
            hDigits.compute(pool, reinterpret_cast<const uint64_t *>(a.data()), n, zkdesk::windowBitsFor(n));
            zkdesk::Msm<Curve<RawFq>>::run(pool, G1, piH, pointsH, hDigits, 0, n);
        }
        clock.lap("msm-H");

        // The blinding: r and s fresh for every proof (they make it zero-knowledge).
        Scalar rStd, sStd, rsStd, r, s, rs;
        blinding(rStd, sStd);
        Fr.toMontgomery(r, rStd);
        Fr.toMontgomery(s, sStd);
        Fr.mul(rs, r, s);
        Fr.fromMontgomery(rsStd, rs);

        const unsigned int fr = sizeof(Scalar);
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
        clock.lap("finish");
        // The worker adds this to its own peak: the job's memory is both processes'.
        std::cerr << "@peak " << peakResidentBytes() << std::endl;
        return 0;
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    }
}
