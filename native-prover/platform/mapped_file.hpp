// A whole file in memory, read-only. On POSIX it is mapped (and on Linux populated in one call):
// the page cache's own pages, no copy and no zero-filled buffer first. Reading a 7.7 MB proving
// key into a std::vector cost 34 ms of a 430 ms proof here, most of it one page fault per 4 KiB
// of a buffer that was zeroed and then overwritten. Windows reads it into an uninitialised buffer.
#ifndef ZKDESK_MAPPED_FILE_HPP
#define ZKDESK_MAPPED_FILE_HPP

#include <cstddef>
#include <cstdint>
#include <string>

class MappedFile {
public:
    explicit MappedFile(const std::string &path);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    const uint8_t *data() const { return data_; }
    size_t size() const { return size_; }

private:
    const uint8_t *data_ = nullptr;
    size_t size_ = 0;
    bool mapped_ = false;
};

#endif
