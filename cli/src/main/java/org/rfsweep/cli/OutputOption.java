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
            + " a temporary file in the same folder, renamed at the end, and removed on error. A device or FIFO"
            + " (/dev/null) is written through, a symbolic link is followed.")
    private Path out;

    /** The {@code --out} file, or null for standard output. */
    public Path file() {
        return out;
    }

    /** Opens the target: {@code --out FILE}, or the command's standard output. */
    public OutputTarget open() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            return OutputTarget.stdout(stdout);
        }
        OutputTarget target = OutputTarget.file(out, "--out");
        for (String name : target.removedStale()) {
            spec.commandLine().getErr()
                .print("rfsweep: removed " + name + ", left by an earlier run that was killed\n");
        }
        return target;
    }
}
