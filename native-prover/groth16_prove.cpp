// zkdesk's native Groth16 prover for bn128 keys made by snarkjs: the same statement as snarkjs's
// groth16_prove.js (witness MSMs, A/B/C on the odd coset, H from A·B − C), with our own MSM
// (msm.hpp), FFT (coset_fft.hpp) and thread pool (thread_pool.hpp) on the field and curve
// arithmetic of iden3's ffiasm. Usage:
//   zkdesk-groth16 <circuit.zkey> <witness.wtns|->
// Prints {"proof":…,"publicSignals":[…]} in snarkjs's JSON format on stdout, progress lines
// ("@progress <fraction> <step>") on stderr; a failure is one "error: …" line on stderr and exit 1.
// ZKDESK_TIMINGS=1 adds "@time <step> <ms>" lines (scripts/native/compareRapidsnark.ts reads them).
// The caller (native-workers/nativeGroth16.ts) verifies every proof before anyone sees it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <gmp.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alt_bn128.hpp"
#include "binary_sections.hpp"
#include "bn128_roots.hpp"
#include "coset_fft.hpp"
#include "msm.hpp"
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

const char *BN128_Q = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
using zkdesk::BN128_R;

void requirePrime(const uint8_t *bytes, uint32_t n8, const char *expected, const char *what) {
    mpz_t e, p;
    mpz_init_set_str(e, expected, 10);
    mpz_init(p);
    mpz_import(p, n8, -1, 1, -1, 0, bytes);
    bool same = n8 == 32 && mpz_cmp(p, e) == 0;
    mpz_clear(e);
    mpz_clear(p);
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

// The proving key, mapped read-only: its pages are shared with the page cache, never copied.
class MappedFile {
public:
    explicit MappedFile(const std::string &path) {
        int fd = open(path.c_str(), O_RDONLY);
        if (fd < 0) throw std::invalid_argument("cannot read " + path);
        struct stat st;
        if (fstat(fd, &st) != 0) {
            close(fd);
            throw std::invalid_argument("cannot read " + path);
        }
        size_ = uint64_t(st.st_size);
        if (size_ > 0) {
            void *m = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            close(fd);
            if (m == MAP_FAILED) throw std::invalid_argument("cannot read " + path);
            data_ = static_cast<const uint8_t *>(m);
        } else {
            close(fd);
        }
    }
    ~MappedFile() {
        if (data_) munmap(const_cast<uint8_t *>(data_), size_);
    }
    const uint8_t *data() const { return data_ ? data_ : reinterpret_cast<const uint8_t *>(""); }
    uint64_t size() const { return size_; }

private:
    const uint8_t *data_ = nullptr;
    uint64_t size_ = 0;
};

// The witness, read whole: from a file at its size, from a pipe in growing steps.
std::vector<uint8_t> readStream(FILE *in, size_t expected) {
    std::vector<uint8_t> data(std::max<size_t>(expected, 1) + 1);
    size_t used = 0;
    for (;;) {
        size_t got = fread(data.data() + used, 1, data.size() - used, in);
        used += got;
        if (got == 0) break;
        if (used == data.size()) data.resize(data.size() * 2);
    }
    data.resize(used);
    data.shrink_to_fit();
    return data;
}

std::vector<uint8_t> readWitness(const std::string &path) {
    if (path == "-") return readStream(stdin, 64 << 10);
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) throw std::invalid_argument("cannot read " + path);
    struct stat st;
    size_t size = fstat(fileno(f), &st) == 0 ? size_t(st.st_size) : 0;
    auto data = readStream(f, size);
    std::fclose(f);
    return data;
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
    try {
        StepClock clock;
        zkdesk::ThreadPool pool;
        MappedFile zkeyFile(argv[1]);
        zkdesk::BinarySections zkey(zkeyFile.data(), zkeyFile.size(), "zkey", 1, "the proving key");
        const zkdesk::Section &kind = zkey.get(1);
        if (kind.size < 4 || zkdesk::BinarySections::u32(kind.data) != 1) throw std::invalid_argument("the proving key is not groth16");
        const zkdesk::Section &head = zkey.get(2);
        const uint64_t g1 = sizeof(G1PointAffine), g2 = sizeof(G2PointAffine);
        if (head.size != 4 + 32 + 4 + 32 + 12 + 3 * g1 + 3 * g2) throw std::invalid_argument("the proving key is not on the bn128 curve");
        requirePrime(head.data + 4, zkdesk::BinarySections::u32(head.data), BN128_Q, "the proving key");
        requirePrime(head.data + 40, zkdesk::BinarySections::u32(head.data + 36), BN128_R, "the proving key");
        const uint32_t nVars = zkdesk::BinarySections::u32(head.data + 72);
        const uint32_t nPublic = zkdesk::BinarySections::u32(head.data + 76);
        const uint64_t n = zkdesk::BinarySections::u32(head.data + 80);
        const uint8_t *vk = head.data + 84;
        G1PointAffine alpha1, beta1, delta1;
        G2PointAffine beta2, delta2;
        std::memcpy(&alpha1, vk, g1);
        std::memcpy(&beta1, vk + g1, g1);
        std::memcpy(&beta2, vk + 2 * g1, g2);
        std::memcpy(&delta1, vk + 2 * g1 + 2 * g2, g1);
        std::memcpy(&delta2, vk + 3 * g1 + 2 * g2, g2);

        std::vector<uint8_t> wtnsBytes = readWitness(argv[2]);
        zkdesk::BinarySections wtnsFile(wtnsBytes.data(), wtnsBytes.size(), "wtns", 2, "the witness");
        const zkdesk::Section &wtnsHead = wtnsFile.get(1);
        if (wtnsHead.size < 40) throw std::invalid_argument("the witness is truncated");
        requirePrime(wtnsHead.data + 4, zkdesk::BinarySections::u32(wtnsHead.data), BN128_R, "the witness");
        const uint32_t wtnsVars = zkdesk::BinarySections::u32(wtnsHead.data + 36);
        if (wtnsVars != nVars) {
            throw std::invalid_argument("the witness has " + std::to_string(wtnsVars) + " values, the proving key expects " +
                                        std::to_string(nVars));
        }
        clock.lap("read");

        uint32_t power = 0;
        while ((uint64_t(1) << power) < n) power++;
        if (n == 0 || n != (uint64_t(1) << power) || power >= 28) throw std::invalid_argument("the proving key's domain is not a power of two");
        if (nVars <= nPublic) throw std::invalid_argument("the proving key's header is damaged");
        requireSize(wtnsFile.get(2).size, uint64_t(nVars) * sizeof(Scalar), "witness");
        requireSize(zkey.get(5).size, uint64_t(nVars) * g1, "A points");
        requireSize(zkey.get(6).size, uint64_t(nVars) * g1, "B1 points");
        requireSize(zkey.get(7).size, uint64_t(nVars) * g2, "B2 points");
        requireSize(zkey.get(8).size, uint64_t(nVars - nPublic - 1) * g1, "C points");
        requireSize(zkey.get(9).size, n * g1, "H points");

        // Witness values are in standard form: the MSMs take them as scalars as they are.
        const auto *wtns = reinterpret_cast<const Scalar *>(wtnsFile.get(2).data);
        const zkdesk::Section &coefsSection = zkey.get(4);
        if (coefsSection.size < 4) throw std::invalid_argument("the proving key's coefficients section has the wrong size");
        const uint32_t nCoefs = zkdesk::BinarySections::u32(coefsSection.data);
        requireSize(coefsSection.size, 4 + uint64_t(nCoefs) * sizeof(Coef), "coefficients");
        const auto *coefs = reinterpret_cast<const Coef *>(coefsSection.data + 4);
        const auto *pointsA = reinterpret_cast<const G1PointAffine *>(zkey.get(5).data);
        const auto *pointsB1 = reinterpret_cast<const G1PointAffine *>(zkey.get(6).data);
        const auto *pointsB2 = reinterpret_cast<const G2PointAffine *>(zkey.get(7).data);
        const auto *pointsC = reinterpret_cast<const G1PointAffine *>(zkey.get(8).data);
        const auto *pointsH = reinterpret_cast<const G1PointAffine *>(zkey.get(9).data);

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
        Scalar r = randomScalar(), s = randomScalar();
        Scalar rStd, sStd, rsStd, rs;
        Fr.fromMontgomery(rStd, r);
        Fr.fromMontgomery(sStd, s);
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
        struct rusage usage;
        getrusage(RUSAGE_SELF, &usage);
        std::cerr << "@peak " << uint64_t(usage.ru_maxrss) * 1024 << std::endl;
        return 0;
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    }
}
