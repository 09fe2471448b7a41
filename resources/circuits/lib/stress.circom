pragma circom 2.1.6;

// A synthetic circuit whose size is a parameter, for calibration and benchmarks: N
// multiplication constraints in a chain x[i+1] = x[i]^2 + x[i] + k, so every constraint is
// a real multiplication with a fresh wire (the shape that costs Groth16 its MSM and FFT time).
template Stress(N) {
    signal input seed;
    signal input k;
    signal output out;

    signal x[N + 1];
    x[0] <== seed;
    for (var i = 0; i < N; i++) {
        x[i + 1] <== x[i] * x[i] + x[i] + k;
    }
    out <== x[N];
}
