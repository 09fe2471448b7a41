pragma circom 2.1.6;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/mux1.circom";
include "circomlib/circuits/bitify.circom";

// Membership in a Poseidon Merkle tree of depth DEPTH: the prover knows a secret whose
// leaf, Poseidon(secret), sits in the tree with the public `root`, without saying where.
// `pathIndices[i]` is 0 when the current node is the left child at level i.
template MerkleMembership(DEPTH) {
    signal input secret;
    signal input pathElements[DEPTH];
    signal input pathIndices[DEPTH];
    signal input root;

    component leafHasher = Poseidon(1);
    leafHasher.inputs[0] <== secret;

    component hashers[DEPTH];
    component muxes[DEPTH];
    signal levelHash[DEPTH + 1];
    levelHash[0] <== leafHasher.out;

    for (var i = 0; i < DEPTH; i++) {
        // A path index that is not a bit would let a prover pick any sibling order.
        pathIndices[i] * (1 - pathIndices[i]) === 0;

        muxes[i] = MultiMux1(2);
        muxes[i].c[0][0] <== levelHash[i];
        muxes[i].c[0][1] <== pathElements[i];
        muxes[i].c[1][0] <== pathElements[i];
        muxes[i].c[1][1] <== levelHash[i];
        muxes[i].s <== pathIndices[i];

        hashers[i] = Poseidon(2);
        hashers[i].inputs[0] <== muxes[i].out[0];
        hashers[i].inputs[1] <== muxes[i].out[1];
        levelHash[i + 1] <== hashers[i].out;
    }

    root === levelHash[DEPTH];
}

component main { public [root] } = MerkleMembership(20);
