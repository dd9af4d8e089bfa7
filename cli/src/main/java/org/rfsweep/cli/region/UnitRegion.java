package org.rfsweep.cli.region;

/**
 * The input interval one output unit sees along one axis (SPEC section 3): unit {@code u}
 * (0-based) of a network with receptive field {@code r}, effective stride {@code j} and effective
 * padding {@code P} sees input pixels {@code [-P + u*j, -P + u*j + r - 1]}, inclusive, centred on
 * {@code -P + u*j + (r-1)/2}; clipped to the input {@code [0, n - 1]} it is what the unit sees of
 * real pixels (the rest is padding). For the maximum path, which contains every other path's
 * interval once the network is aligned.
 *
 * <pre>
 *   seed example, n = 200, r = 13, j = 2, P = 3:
 *     unit 0 sees [-3, 9], clipped [0, 9]; unit 96 sees [189, 201], clipped [189, 199]
 * </pre>
 */
record UnitRegion(long unit, long start, long end, long n) {
    static UnitRegion of(long unit, long r, long j, long p, long n) {
        long start = -p + unit * j;
        return new UnitRegion(unit, start, start + r - 1, n);
    }

    long clippedStart() {
        return Math.max(0, start);
    }

    long clippedEnd() {
        return Math.min(n - 1, end);
    }

    long size() {
        return end - start + 1;
    }

    /** Pixels of the input inside the region; 0 when the region lies wholly in the padding. */
    long clippedSize() {
        return Math.max(0, clippedEnd() - clippedStart() + 1);
    }

    /** Twice the centre. */
    long centre2() {
        return start + end;
    }
}
