package org.rfsweep.cli;

import picocli.CommandLine.Option;

/** Mixin: {@code --ignore-1x1}, rfa-toolbox's option to never flag 1x1 layers unproductive (SPEC section 5). */
public final class Ignore1x1Option {
    @Option(names = "--ignore-1x1", description = "Never flag layers with a 1x1 kernel as unproductive.")
    private boolean ignore1x1;

    public boolean ignore1x1() {
        return ignore1x1;
    }
}
