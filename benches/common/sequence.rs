//! A fixed sequence of numbers for the benchmarks' day mixes (a linear congruential generator):
//! every run, on every machine, does the same work.

/// The sequence from `seed`.
pub struct Sequence(u64);

impl Sequence {
    /// Starts the sequence at `seed`.
    pub fn new(seed: u64) -> Sequence {
        Sequence(seed)
    }

    /// The next number below `m`.
    pub fn below(&mut self, m: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % m
    }
}
