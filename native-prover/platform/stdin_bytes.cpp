#include "stdin_bytes.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>
#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

namespace {
void readExactly(std::vector<uint8_t> &into, uint64_t bytes) {
    const size_t at = into.size();
    into.resize(at + bytes);
    size_t done = 0;
    while (done < bytes) {
        const size_t got = std::fread(into.data() + at + done, 1, bytes - done, stdin);
        if (got == 0) throw std::invalid_argument("the witness is truncated");
        done += got;
    }
}
}  // namespace

std::vector<uint8_t> readSectionedFileFromStdin() {
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);  // text mode would turn \r\n into \n inside the witness
#endif
    std::vector<uint8_t> data;
    readExactly(data, 12);
    uint32_t sections;
    std::memcpy(&sections, data.data() + 8, 4);
    for (uint32_t i = 0; i < sections; i++) {
        readExactly(data, 12);
        uint64_t size;
        std::memcpy(&size, data.data() + data.size() - 8, 8);
        if (size > (uint64_t(1) << 40)) throw std::invalid_argument("the witness is damaged");
        readExactly(data, size);
    }
    return data;
}
