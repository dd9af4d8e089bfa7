package org.rfsweep.core.arch;

/**
 * A malformed architecture string. The message is one line: the 1-based column of the offending
 * character and what was expected there, or the field, value and rule for a value out of range.
 */
public final class ArchSyntaxException extends IllegalArgumentException {
    private final int column;

    ArchSyntaxException(int column, String message) {
        super("arch column " + column + ": " + message);
        this.column = column;
    }

    /** 1-based column of the offending character. */
    public int column() {
        return column;
    }
}
