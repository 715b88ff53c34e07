//! Repeatable pseudo-random inputs for the tests that compare a fast path
//! with the code or regex it replaces on many generated strings.

/// xorshift64: no crate, the same sequence on every run and platform.
pub(crate) struct Gen(u64);

impl Gen {
    /// A generator; `seed` must not be 0 (xorshift stays at 0).
    pub(crate) fn new(seed: u64) -> Gen {
        Gen(seed | 1)
    }

    /// The next 64 bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items` (a copy: the items are string slices, mostly, and a
    /// reference to one would not coerce where a `&str` is wanted).
    pub(crate) fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}
