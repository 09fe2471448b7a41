// The zkey and wtns files snarkjs writes: a 4-byte type, a version, then (type, size, bytes)
// sections. Read from memory, every section checked to lie inside the file before anything trusts
// its size: a truncated or padded file fails here with a sentence, never a read past its end.
#ifndef ZKDESK_SNARK_FILES_HPP
#define ZKDESK_SNARK_FILES_HPP

#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

class SectionedFile {
public:
    SectionedFile(const uint8_t *bytes, size_t size, const char *type, const std::string &what) : bytes_(bytes), what_(what) {
        if (size < 12) throw std::invalid_argument(what + " is too short to be one");
        if (std::memcmp(bytes, type, 4) != 0) throw std::invalid_argument(what + ": Invalid file type");
        uint64_t pos = 12;
        for (uint32_t i = 0, n = u32(8); i < n; i++) {
            if (pos + 12 > size) throw std::invalid_argument(what + " is truncated");
            const uint32_t id = u32(pos);
            const uint64_t length = u64(pos + 4);
            pos += 12;
            if (length > size - pos) throw std::invalid_argument(what + " is truncated");
            sections_.emplace(id, std::make_pair(pos, length));  // the first of a repeated id counts
            pos += length;
        }
    }

    const uint8_t *data(uint32_t id) const { return bytes_ + section(id).first; }
    uint64_t size(uint32_t id) const { return section(id).second; }

    uint32_t u32(uint64_t at) const {
        uint32_t v;
        std::memcpy(&v, bytes_ + at, 4);
        return v;
    }
    uint64_t u64(uint64_t at) const {
        uint64_t v;
        std::memcpy(&v, bytes_ + at, 8);
        return v;
    }

private:
    const std::pair<uint64_t, uint64_t> &section(uint32_t id) const {
        auto it = sections_.find(id);
        if (it == sections_.end()) throw std::invalid_argument(what_ + " is damaged: section " + std::to_string(id) + " is missing");
        return it->second;
    }
    const uint8_t *bytes_;
    std::string what_;
    std::map<uint32_t, std::pair<uint64_t, uint64_t>> sections_;
};

/** Sections 1 and 2 of a Groth16 zkey; the points stay in the file's memory, in Montgomery form. */
struct ZkeyHeader {
    std::vector<uint8_t> q, r;  // the primes, little-endian
    uint32_t nVars = 0, nPublic = 0, domainSize = 0;
    const uint8_t *alpha1 = nullptr, *beta1 = nullptr, *beta2 = nullptr, *gamma2 = nullptr, *delta1 = nullptr, *delta2 = nullptr;

    explicit ZkeyHeader(const SectionedFile &zkey) {
        if (zkey.size(1) < 4) throw std::invalid_argument("the proving key is damaged");
        uint32_t protocol;
        std::memcpy(&protocol, zkey.data(1), 4);
        if (protocol != 1) throw std::invalid_argument("the proving key is not groth16");
        const uint8_t *p = zkey.data(2), *end = p + zkey.size(2);
        auto take = [&](uint64_t n) {
            if (uint64_t(end - p) < n) throw std::invalid_argument("the proving key's header section has the wrong size");
            const uint8_t *at = p;
            p += n;
            return at;
        };
        auto u32 = [&]() { uint32_t v; std::memcpy(&v, take(4), 4); return v; };
        const uint32_t n8q = u32();
        const uint8_t *qAt = take(n8q);
        q.assign(qAt, qAt + n8q);
        const uint32_t n8r = u32();
        const uint8_t *rAt = take(n8r);
        r.assign(rAt, rAt + n8r);
        nVars = u32();
        nPublic = u32();
        domainSize = u32();
        if (n8q != 32 || n8r != 32) throw std::invalid_argument("the proving key is not on the bn128 curve");
        alpha1 = take(64);
        beta1 = take(64);
        beta2 = take(128);
        gamma2 = take(128);
        delta1 = take(64);
        delta2 = take(128);
        if (nPublic >= nVars) throw std::invalid_argument("the proving key is damaged");
    }
};

/** Section 1 of a wtns file; the values (section 2) are plain, not Montgomery. */
struct WtnsHeader {
    std::vector<uint8_t> prime;
    uint32_t nVars = 0;

    explicit WtnsHeader(const SectionedFile &wtns) {
        const uint8_t *p = wtns.data(1);
        const uint64_t size = wtns.size(1);
        if (size < 4) throw std::invalid_argument("the witness is damaged");
        uint32_t n8;
        std::memcpy(&n8, p, 4);
        if (n8 != 32 || size < 4 + uint64_t(n8) + 4) throw std::invalid_argument("the witness is not on the bn128 curve");
        prime.assign(p + 4, p + 4 + n8);
        std::memcpy(&nVars, p + 4 + n8, 4);
    }
};

/** Whether little-endian bytes spell the field's prime. */
template <typename Field>
bool isPrimeOf(const std::vector<uint8_t> &bytes) {
    if (bytes.size() != 32) return false;
    const auto &m = Field::modulus();
    for (int i = 0; i < 32; i++) {
        if (bytes[i] != uint8_t(m.p[i / 8] >> (8 * (i % 8)))) return false;
    }
    return true;
}

#endif
