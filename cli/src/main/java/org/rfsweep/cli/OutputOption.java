package org.rfsweep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Mixin: {@code --out FILE}; standard output when absent. */
public final class OutputOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
        description = "Write to FILE instead of standard output. FILE appears only when complete: the output goes to"
            + " a temporary file in the same folder, renamed at the end, and removed on error.")
    private Path out;

    /** Opens the target: {@code --out FILE}, or the command's standard output. */
    public OutputTarget open() {
        PrintWriter stdout = spec.commandLine().getOut();
        return out == null ? OutputTarget.stdout(stdout) : OutputTarget.file(out);
    }
}
