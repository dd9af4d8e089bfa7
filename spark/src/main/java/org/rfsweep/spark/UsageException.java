package org.rfsweep.spark;

/** Bad usage or bad input, found on the driver: one line for the user, exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
