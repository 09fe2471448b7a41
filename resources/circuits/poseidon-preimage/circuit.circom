pragma circom 2.1.6;

include "circomlib/circuits/poseidon.circom";

// Knowledge of a secret preimage: the prover knows `preimage[2]` whose Poseidon hash is
// the public `hash`, without revealing it. The shape of a nullifier or commitment opening.
template PoseidonPreimage() {
    signal input preimage[2];
    signal input hash;

    component hasher = Poseidon(2);
    hasher.inputs[0] <== preimage[0];
    hasher.inputs[1] <== preimage[1];
    hash === hasher.out;
}

component main { public [hash] } = PoseidonPreimage();
