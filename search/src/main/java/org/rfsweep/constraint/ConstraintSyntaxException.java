package org.rfsweep.constraint;

/**
 * A constraint expression that does not parse or does not make sense, with the 1-based column
 * where the problem starts: {@code column 9: expected a number ... found 'x'}.
 */
public final class ConstraintSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int column;

    public ConstraintSyntaxException(int column, String message) {
        super("column " + column + ": " + message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
