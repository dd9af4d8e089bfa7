package org.rfsweep.output;

import java.io.IOException;

/** Another run holds the lock of an output ({@link OutputLock}). */
public final class OutputLockedException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputLockedException(String message) {
        super(message);
    }
}
