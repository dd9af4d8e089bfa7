package org.rfsweep.search;

/**
 * The exact search cannot model this space (or it would need too many states); the search
 * falls back to sampling and local search, and says why.
 */
public final class UnsupportedSpaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSpaceException(String reason) {
        super(reason, null, false, false);
    }
}
