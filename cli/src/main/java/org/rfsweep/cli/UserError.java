package org.rfsweep.cli;

import java.util.List;

/**
 * Bad usage or bad input, reported as {@code rfsweep: <message>} on one line with exit code 2
 * and no stack trace. The optional detail lines (an architecture with a caret under the error,
 * say) follow the message; the message alone must make sense.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> detail;

    public UserError(String message) {
        this(message, List.of());
    }

    public UserError(String message, List<String> detail) {
        super(message, null, false, false);
        this.detail = List.copyOf(detail);
    }

    /** Lines printed after the message, indented; often empty. */
    public List<String> detail() {
        return detail;
    }
}
