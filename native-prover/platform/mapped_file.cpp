#include "mapped_file.hpp"

#include <cstdio>
#include <stdexcept>

#ifdef _WIN32
#include <memory>
#else
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace {
[[noreturn]] void cannotRead(const std::string &path) { throw std::invalid_argument("cannot read " + path); }
}  // namespace

#ifdef _WIN32
MappedFile::MappedFile(const std::string &path) {
    std::FILE *file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) cannotRead(path);
    bool ok = _fseeki64(file, 0, SEEK_END) == 0;
    const long long size = ok ? _ftelli64(file) : -1;
    ok = ok && size >= 0 && _fseeki64(file, 0, SEEK_SET) == 0;
    std::unique_ptr<uint8_t[]> bytes;
    if (ok) {
        bytes.reset(new uint8_t[size_t(size) + 1]);
        ok = std::fread(bytes.get(), 1, size_t(size), file) == size_t(size);
    }
    std::fclose(file);
    if (!ok) cannotRead(path);
    size_ = size_t(size);
    data_ = bytes.release();
}

MappedFile::~MappedFile() { delete[] data_; }
#else
MappedFile::MappedFile(const std::string &path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) cannotRead(path);
    struct stat info;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        cannotRead(path);
    }
    size_ = size_t(info.st_size);
    if (size_ > 0) {
        int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE;
#endif
        void *at = ::mmap(nullptr, size_, PROT_READ, flags, fd, 0);
        if (at == MAP_FAILED) {
            ::close(fd);
            cannotRead(path);
        }
        data_ = static_cast<const uint8_t *>(at);
        mapped_ = true;
    }
    ::close(fd);
}

MappedFile::~MappedFile() {
    if (mapped_) ::munmap(const_cast<uint8_t *>(data_), size_);
}
#endif
