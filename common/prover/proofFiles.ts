// The two files a verifier needs from a verified proof, named and formatted as snarkjs writes
// them (`snarkjs groth16 prove … proof.json public.json`), so `snarkjs groth16 verify` takes them as they are.
export type ProofFile = 'proof' | 'public';

export const proofFileNames: Record<ProofFile, string> = { proof: 'proof.json', public: 'public.json' };

export function proofFileText(result: { proof: unknown; publicSignals: string[] }, file: ProofFile): { name: string; text: string } {
  const value = file === 'proof' ? result.proof : result.publicSignals;
  return { name: proofFileNames[file], text: `${JSON.stringify(value, null, 2)}\n` };
}
