package org.rfsweep.space;

/**
 * SplitMix64 (Steele, Lea and Flood 2014), used as a counter-based generator: the {@code i}-th
 * output of the sequence seeded with {@code seed} is {@code mix(seed + (i+1) * GOLDEN)}, a pure
 * function of {@code (seed, i)}, so sampled candidates do not depend on threads or chunking.
 * Stateless and thread-safe.
 */
public final class SplitMix {
    /** The golden-ratio increment of SplitMix64. */
    public static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SplitMix() {
    }

    /** The finaliser of SplitMix64 (Stafford's variant 13). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The {@code i}-th output (from 0) of SplitMix64 seeded with {@code seed}. */
    public static long at(long seed, long i) {
        return mix(seed + (i + 1) * GOLDEN);
    }

    /**
     * A value in {@code 0..n-1} from the top 31 bits of {@code z} by multiply-shift (Lemire);
     * {@code n} at most {@code 2^31 - 1}. The bias is below {@code n / 2^31}.
     */
    public static int below(long z, int n) {
        return (int) (((z >>> 33) * n) >>> 31);
    }
}
