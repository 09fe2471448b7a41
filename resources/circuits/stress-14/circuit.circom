pragma circom 2.1.6;

include "../lib/stress.circom";

component main { public [k] } = Stress(16320);
