package org.rfsweep.core.lanes;

/**
 * Chooses the evaluation path once per JVM. The vectorised path ({@code VectorLaneKernel}) runs
 * where the JDK compiles the Vector API to SIMD instructions: measured here (bench/README.md),
 * Temurin 25 runs the kernel 2x faster than Java 17, whose C2 leaves many of its vector operations
 * as calls, so the default is Java {@value #MIN_FEATURE} or newer with {@code jdk.incubator.vector}
 * in the boot layer ({@code --add-modules jdk.incubator.vector}) and at least 256-bit vectors.
 * Otherwise every stack takes the scalar {@link org.rfsweep.core.eval.StackEvaluator}.
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@code scalar}, {@code vector}
 * (whatever the Java version, when the module is present), or {@code auto} (the default).
 */
public final class Lanes {
    public static final String PROPERTY = "rfsweep.lanes";
    /** The oldest Java feature release that the vectorised path is chosen on by default. */
    public static final int MIN_FEATURE = 25;
    private static final String MODULE = "jdk.incubator.vector";

    private static final LaneKernel KERNEL;
    private static final String DESCRIPTION;

    static {
        final String mode = System.getProperty(PROPERTY, "auto");
        final int feature = Runtime.version().feature();
        LaneKernel kernel = null;
        String why;
        if ("scalar".equals(mode)) {
            why = PROPERTY + "=scalar";
        } else if (!"vector".equals(mode) && feature < MIN_FEATURE) {
            why = "Java " + feature + " < " + MIN_FEATURE;
        } else if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            why = MODULE + " not enabled (--add-modules " + MODULE + ")";
        } else {
            kernel = loadVectorKernel();
            why = kernel == null ? "vectors narrower than 256 bits" : null;
        }
        KERNEL = kernel;
        DESCRIPTION = kernel != null ? "vector (" + MODULE + ", " + LaneBatch.LANES + "-stack blocks, "
            + kernel + ")" : "scalar (" + why + ")";
    }

    private Lanes() {
    }

    static LaneKernel loadVectorKernel() {
        try {
            final Class<?> type = Class.forName("org.rfsweep.core.lanes.VectorLaneKernel");
            final LaneKernel k = (LaneKernel) type.getDeclaredConstructor().newInstance();
            return k.toString().isEmpty() ? null : k;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** True when the vectorised path runs in this JVM. */
    public static boolean vectorised() {
        return KERNEL != null;
    }

    /** The path that runs and why, for {@code --version} and summaries: "vector (...)" or "scalar (...)". */
    public static String describe() {
        return DESCRIPTION;
    }

    /** The kernel, or null when every stack takes the scalar evaluator. */
    static LaneKernel kernel() {
        return KERNEL;
    }
}
