package org.rfsweep.cli;

import java.io.IOException;
import org.rfsweep.output.IoReason;

/**
 * An I/O error on an output, with the whole message for the user ({@code writing se.csv: file
 * too large}). The user's environment, not a bug: exit code 2.
 */
public final class OutputFailure extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputFailure(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * {@code writing NAME: reason}.
     *
     * @throws ClosedPipe when the reader of a pipe or FIFO has gone (the command ends quietly)
     */
    public static OutputFailure writing(Object name, IOException cause) {
        if (cause instanceof OutputFailure) {
            return (OutputFailure) cause;
        }
        if (IoReason.brokenPipe(cause)) {
            throw new ClosedPipe();
        }
        return new OutputFailure("writing " + name + ": " + IoReason.of(cause), cause);
    }
}
