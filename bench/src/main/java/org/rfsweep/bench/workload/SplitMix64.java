package org.rfsweep.bench.workload;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), the generator of the reference workload. Draw {@code n}
 * (1-based) of seed {@code s} is {@code mix(s + n * 0x9E3779B97F4A7C15)} with
 * <pre>
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   z =  z ^ (z >>> 31)
 * </pre>
 * {@link #nextInt(int)} maps a draw to {@code [0, bound)} by the multiply-shift
 * {@code ((draw >>> 32) * bound) >>> 32} (no rejection; its bias is below {@code bound / 2^32}).
 * Not thread-safe.
 */
public final class SplitMix64 {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = state += GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A draw mapped to {@code [0, bound)}; {@code bound} must be positive. */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
}
