package org.rfsweep.cli;

/**
 * The reader of standard output has gone (a closed pipe, as after {@code | head}): the usual
 * way to stop a stream, so the command ends quietly with exit code 0.
 */
public final class ClosedPipe extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClosedPipe() {
        super("the reader of standard output has gone", null, false, false);
    }
}
