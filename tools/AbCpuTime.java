import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Side-by-side speed of two builds of the JMH benchmarks jar in one JVM, for a machine too busy
 * for wall-clock JMH: each jar gets its own class loader, the two alternate every trial, and a
 * trial is timed in thread CPU time, so time the thread spends descheduled does not count.
 *
 * <pre>
 *   java tools/AbCpuTime.java BEFORE.jar AFTER.jar CALLS TRIALS [stack|batch]
 *   stack: StackBench.engine, layers=16, ns per stack (CALLS ~ 40000)
 *   batch: BatchBench.engine16, ns per call of 1024 stacks (CALLS ~ 40)
 * </pre>
 *
 * Prints the minimum, 25th percentile and median per jar. JIT decisions differ between JVM runs
 * by about 10%, so compare the medians of several runs, and a jar with itself for the noise.
 */
public final class AbCpuTime {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private AbCpuTime() {
    }

    public static void main(String[] args) throws Throwable {
        final int calls = Integer.parseInt(args[2]);
        final int trials = Integer.parseInt(args[3]);
        final boolean batch = args.length > 4 && args[4].equals("batch");
        MethodHandle[] bench = new MethodHandle[2];
        for (int i = 0; i < 2; i++) {
            bench[i] = batch ? batch(args[i]) : stack(args[i]);
        }
        long sink = 0;
        for (int w = 0; w < 5; w++) {
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < calls; k++) {
                    sink += (long) bench[i].invokeExact();
                }
            }
        }
        double[][] t = new double[2][trials];
        for (int r = 0; r < trials; r++) {
            for (int i = 0; i < 2; i++) {
                int v = (r & 1) == 0 ? i : 1 - i;
                long start = CPU.getCurrentThreadCpuTime();
                for (int k = 0; k < calls; k++) {
                    sink += (long) bench[v].invokeExact();
                }
                t[v][r] = (CPU.getCurrentThreadCpuTime() - start) / (double) calls;
            }
        }
        for (int i = 0; i < 2; i++) {
            double[] x = t[i].clone();
            Arrays.sort(x);
            System.out.printf("%s min %.1f p25 %.1f median %.1f ns/call%n", args[i], x[0], x[trials / 4],
                x[trials / 2]);
        }
        System.out.println(sink == 42 ? " " : "");
    }

    private static ClassLoader loader(String jar) throws Exception {
        return new URLClassLoader(new URL[] {new File(jar).toURI().toURL()},
            ClassLoader.getPlatformClassLoader());
    }

    private static MethodHandle stack(String jar) throws Throwable {
        Class<?> c = loader(jar).loadClass("org.rfsweep.bench.StackBench");
        Object b = c.getConstructor().newInstance();
        c.getField("layers").setInt(b, 16);
        c.getMethod("setUp").invoke(b);
        return MethodHandles.lookup().unreflect(c.getMethod("engine")).bindTo(b)
            .asType(MethodType.methodType(long.class));
    }

    private static MethodHandle batch(String jar) throws Throwable {
        ClassLoader cl = loader(jar);
        Class<?> bench = cl.loadClass("org.rfsweep.bench.BatchBench");
        Class<?> state = cl.loadClass("org.rfsweep.bench.BatchBench$Batch16");
        Constructor<?> make = state.getDeclaredConstructor();
        make.setAccessible(true);
        Object s = make.newInstance();
        state.getMethod("setUp").invoke(s);
        Method engine = bench.getMethod("engine16", state);
        return MethodHandles.lookup().unreflect(engine).bindTo(bench.getConstructor().newInstance()).bindTo(s)
            .asType(MethodType.methodType(long.class));
    }
}
