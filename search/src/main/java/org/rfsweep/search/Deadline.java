package org.rfsweep.search;

/**
 * The {@code --time-limit} of the exact search, checked between units of work of the graph and
 * bound construction, so that a limit is honoured even before the first node is expanded.
 */
final class Deadline {
    /** No limit. */
    static final long NONE = Long.MAX_VALUE;

    private Deadline() {
    }

    /**
     * @throws Reached when {@code System.nanoTime()} is past {@code deadline}
     */
    static void check(long deadline) {
        if (deadline != NONE && System.nanoTime() > deadline) {
            throw new Reached();
        }
    }

    /** The time limit passed while building the graph or the bounds. */
    static final class Reached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Reached() {
            super("time limit reached", null, false, false);
        }
    }
}
