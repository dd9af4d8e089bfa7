package org.rfsweep.bench;

import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.bench.workload.Workload;
import org.rfsweep.core.layout.Layer;

/**
 * The JMH state every evaluator benchmark starts from: the reference workload
 * ({@link ReferenceWorkload}, seed {@link ReferenceWorkload#SEED}), {@link #stacks()} stacks of
 * {@link #layers()} layers, generated once per trial and laid out as consecutive records. A
 * benchmark's state extends it, gives the two sizes, and sets up its own buffers in
 * {@link #prepare()}, which runs after the workload is loaded.
 */
@State(Scope.Thread)
public abstract class ReferenceStacks {
    /** The generated workload (compact layers). */
    protected Workload workload;
    /** Every stack as {@link #layers()} records of {@link Layer#INTS} ints, stack after stack. */
    protected int[] records;
    /** Ints per stack in {@link #records}. */
    protected int stride;

    /** How many stacks to generate. */
    protected abstract int stacks();

    /** Layers per stack. */
    protected abstract int layers();

    /** Generates the workload, then calls {@link #prepare()}. */
    @Setup(Level.Trial)
    public final void load() throws IOException {
        workload = ReferenceWorkload.generate(ReferenceWorkload.SEED, stacks(), layers());
        records = workload.toRecords();
        stride = layers() * Layer.INTS;
        prepare();
    }

    /** Sets up what the benchmark needs besides the workload; nothing by default. */
    protected void prepare() throws IOException {
    }
}
