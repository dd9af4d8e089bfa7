package org.rfsweep.sweep;

/**
 * Told about a running sweep on the writing thread, after the header and after each written
 * chunk; it must be quick. A listener may cancel the sweep through the flag the engine was given
 * (tests simulate Ctrl-C that way).
 */
@FunctionalInterface
public interface SweepListener {
    SweepListener NONE = totals -> { };

    /** {@code totals} so far; read it here, do not keep it. */
    void written(SweepResult totals);
}
