// The section table of iden3's binary files (.zkey, .wtns): a 4-byte magic, a version, then
// sections of (type u32, size u64, bytes). Read in place from memory that the caller owns (a
// mapped proving key, a witness read from stdin): nothing is copied, so a 2^16 key costs its
// size once, not twice. Every section must lie inside the file: a truncated or damaged file
// fails here with a sentence, never by reading past its end.
#ifndef ZKDESK_BINARY_SECTIONS_HPP
#define ZKDESK_BINARY_SECTIONS_HPP

#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>

namespace zkdesk {

struct Section {
    const uint8_t *data = nullptr;
    uint64_t size = 0;
};

class BinarySections {
public:
    BinarySections(const uint8_t *data, uint64_t size, const char *magic, uint32_t maxVersion, const std::string &what) : what_(what) {
        if (size < 12) throw std::invalid_argument(what + " is too short to be one");
        if (std::memcmp(data, magic, 4) != 0) throw std::invalid_argument(what + " is not a " + magic + " file (Invalid file type)");
        uint32_t version = u32(data + 4);
        if (version == 0 || version > maxVersion) throw std::invalid_argument(what + " has an unknown version (Invalid version)");
        uint64_t pos = 12;
        for (uint32_t i = 0, n = u32(data + 8); i < n; i++) {
            if (pos + 12 > size) throw std::invalid_argument(what + " is truncated");
            uint32_t type = u32(data + pos);
            uint64_t length;
            std::memcpy(&length, data + pos + 4, 8);
            pos += 12;
            if (length > size - pos) throw std::invalid_argument(what + " is truncated");
            // The first section of a type counts, as in iden3's readers.
            sections_.emplace(type, Section{data + pos, length});
            pos += length;
        }
    }

    const Section &get(uint32_t type) const {
        auto it = sections_.find(type);
        if (it == sections_.end()) throw std::invalid_argument(what_ + " is truncated (section " + std::to_string(type) + " is missing)");
        return it->second;
    }

    static uint32_t u32(const uint8_t *p) {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }

private:
    std::string what_;
    std::map<uint32_t, Section> sections_;
};

}  // namespace zkdesk

#endif
