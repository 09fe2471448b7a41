// Reading a snarkjs file (zkey/wtns layout) from stdin by its own section sizes, not to EOF: the
// worker keeps stdin open after the witness, and its closing means the worker is gone.
#ifndef ZKDESK_STDIN_BYTES_HPP
#define ZKDESK_STDIN_BYTES_HPP
#include <cstdint>
#include <vector>

/** One sectioned file from stdin, exactly its length; throws if stdin ends inside it. */
std::vector<uint8_t> readSectionedFileFromStdin();

#endif
