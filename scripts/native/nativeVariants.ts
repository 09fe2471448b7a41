// Every native prover build zkdesk makes: which folder (electron-builder's ${os}-${arch}), which
// field path, which compiler and flags, and what the build host must have. The build script
// (buildNativeProver.ts) makes each one whose tools are here; the tests run each one built
// (natively, under qemu-user, under wine) and verify its proofs with snarkjs.
import type { NativeBinary } from '../../native-workers/nativeManifest.js';

export interface NativeVariant {
  target: 'linux-x64' | 'linux-arm64' | 'win-x64' | 'mac-x64' | 'mac-arm64';
  file: string;
  field: NativeBinary['field'];
  cpuFeatures: string[];
  /** The C++ compiler command. */
  compiler: string;
  /** nasm's output format for the field assembly (asm variants only). */
  nasmFormat?: 'elf64' | 'macho64';
  /** Compile flags (they go in the manifest); `link` adds the libraries. */
  flags: string[];
  link: string[];
  threads: NativeBinary['threads'];
  /** Where it can be built: the build host's process.platform (and arch, where the compiler is the host's own). */
  buildsOn: NodeJS.Platform;
  buildsOnArch?: string;
  /** How this machine runs it, where it can: a prefix command (qemu-aarch64, wine). */
  runner?: { command: string; args: string[]; debianPackage: string };
}

const common = ['-O3', '-std=c++17', '-DNDEBUG'];
// Threads are our own pool (native-prover/thread_pool.hpp, std::thread): no OpenMP anywhere.
// Linux: nothing but glibc at run time (libstdc++ and libgcc linked in).
const linuxStatic = ['-static-libstdc++', '-static-libgcc', '-pthread', '-Wl,-z,noexecstack'];

export const nativeVariants: NativeVariant[] = [
  {
    target: 'linux-x64',
    file: 'zkdesk-groth16-asm',
    field: 'asm',
    cpuFeatures: ['bmi2', 'adx'],
    compiler: 'g++',
    nasmFormat: 'elf64',
    // x86-64-v2 for the C++; the assembly itself uses mulx/adcx/adox, checked by the worker.
    flags: [...common, '-march=x86-64-v2', '-pthread', '-DZKDESK_FIELD_ASM'],
    link: linuxStatic,
    threads: 'pool',
    buildsOn: 'linux',
    buildsOnArch: 'x64',
  },
  {
    target: 'linux-x64',
    file: 'zkdesk-groth16',
    field: 'portable',
    cpuFeatures: [],
    compiler: 'g++',
    // The baseline, so it runs on any x86-64 that lacks what the assembly needs.
    flags: [...common, '-march=x86-64', '-mtune=generic', '-pthread'],
    link: linuxStatic,
    threads: 'pool',
    buildsOn: 'linux',
    buildsOnArch: 'x64',
  },
  {
    target: 'linux-arm64',
    file: 'zkdesk-groth16',
    field: 'portable',
    cpuFeatures: [],
    compiler: 'aarch64-linux-gnu-g++',
    flags: [...common, '-march=armv8-a', '-pthread'],
    link: linuxStatic,
    threads: 'pool',
    buildsOn: 'linux',
    runner: { command: 'qemu-aarch64', args: ['-L', '/usr/aarch64-linux-gnu'], debianPackage: 'qemu-user' },
  },
  {
    target: 'win-x64',
    file: 'zkdesk-groth16.exe',
    field: 'portable',
    cpuFeatures: [],
    // The posix flavour: std::thread needs its winpthreads.
    compiler: 'x86_64-w64-mingw32-g++-posix',
    flags: [...common, '-march=x86-64', '-pthread', '-D_WIN32_WINNT=0x0601', '-include', 'platform/ffiasm_posix_types.hpp'],
    link: ['-static'],
    threads: 'pool',
    buildsOn: 'linux',
    runner: { command: 'wine', args: [], debianPackage: 'wine' },
  },
  {
    target: 'mac-x64',
    file: 'zkdesk-groth16-asm',
    field: 'asm',
    cpuFeatures: ['bmi2', 'adx'],
    compiler: 'clang++',
    nasmFormat: 'macho64',
    flags: [...common, '-target', 'x86_64-apple-macos11', '-DZKDESK_FIELD_ASM'],
    link: [],
    threads: 'pool',
    buildsOn: 'darwin',
  },
  {
    target: 'mac-x64',
    file: 'zkdesk-groth16',
    field: 'portable',
    cpuFeatures: [],
    compiler: 'clang++',
    flags: [...common, '-target', 'x86_64-apple-macos11'],
    link: [],
    threads: 'pool',
    buildsOn: 'darwin',
  },
  {
    target: 'mac-arm64',
    file: 'zkdesk-groth16',
    field: 'portable',
    cpuFeatures: [],
    compiler: 'clang++',
    flags: [...common, '-target', 'arm64-apple-macos11'],
    link: [],
    threads: 'pool',
    buildsOn: 'darwin',
  },
];
