// snarkjs, ffjavascript and circom_runtime ship no types: these cover what zkdesk calls.
declare module 'snarkjs' {
  export type MemFile = { type: 'mem'; data?: Uint8Array };
  export type FileRef = string | MemFile;
  export interface Logger {
    debug(msg: string): void;
    info(msg: string): void;
    warn(msg: string): void;
    error(msg: string): void;
  }
  export const groth16: {
    prove(zkey: FileRef, witness: FileRef, logger?: Logger): Promise<{ proof: unknown; publicSignals: string[] }>;
    fullProve(input: unknown, wasm: FileRef, zkey: FileRef, logger?: Logger): Promise<{ proof: unknown; publicSignals: string[] }>;
    verify(vkey: unknown, publicSignals: unknown, proof: unknown, logger?: Logger): Promise<boolean>;
  };
  export const wtns: {
    calculate(input: unknown, wasm: FileRef, wtns: FileRef): Promise<void>;
  };
  export const zKey: {
    newZKey(r1cs: FileRef, ptau: FileRef, zkey: FileRef, logger?: Logger): Promise<unknown>;
    beacon(zkeyOld: FileRef, zkeyNew: FileRef, name: string, beaconHash: string, numIterationsExp: number, logger?: Logger): Promise<unknown>;
    exportVerificationKey(zkey: FileRef, logger?: Logger): Promise<unknown>;
    verifyFromR1cs(r1cs: FileRef, ptau: FileRef, zkey: FileRef, logger?: Logger): Promise<boolean>;
  };
  export const powersOfTau: {
    newAccumulator(curve: unknown, power: number, ptau: FileRef, logger?: Logger): Promise<unknown>;
    contribute(ptauOld: FileRef, ptauNew: FileRef, name: string, entropy: string, logger?: Logger): Promise<unknown>;
    beacon(ptauOld: FileRef, ptauNew: FileRef, name: string, beaconHash: string, numIterationsExp: number, logger?: Logger): Promise<unknown>;
    preparePhase2(ptauOld: FileRef, ptauNew: FileRef, logger?: Logger): Promise<void>;
  };
  export const curves: {
    getCurveFromName(name: string): Promise<{ terminate(): Promise<void> }>;
  };
  export const r1cs: {
    info(r1cs: FileRef, logger?: Logger): Promise<{ nConstraints: number; nVars: number; nOutputs: number; nPubInputs: number; nPrvInputs: number; nLabels: number }>;
  };
}

declare module 'circom_runtime' {
  export interface WitnessCalculator {
    calculateWTNSBin(input: unknown, sanityCheck?: boolean): Promise<Uint8Array>;
  }
  export function WitnessCalculatorBuilder(code: Uint8Array, options?: Record<string, unknown>): Promise<WitnessCalculator>;
}

declare module 'ffjavascript' {
  export function buildBn128(singleThread?: boolean): Promise<{ terminate(): Promise<void> }>;
  export const Scalar: { e(value: string, radix?: number): unknown };
}

declare module 'circomlibjs' {
  export function buildPoseidon(): Promise<((inputs: bigint[]) => Uint8Array) & { F: { toString(v: Uint8Array): string; toObject(v: Uint8Array): bigint } }>;
}
