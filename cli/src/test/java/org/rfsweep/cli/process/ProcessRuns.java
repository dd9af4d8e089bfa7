package org.rfsweep.cli.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rfsweep.cli.Main;

/** Command lines that run rfsweep in a separate JVM (for signals, locks and resource limits). */
final class ProcessRuns {
    private ProcessRuns() {
    }

    /** {@code java -cp <the test class path> org.rfsweep.cli.Main args...}. */
    static List<String> rfsweep(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The same, under {@code ulimit -f blocks} (a file-size limit, in the shell's blocks of 1024 or 512 bytes). */
    static List<String> withFileSizeLimit(int blocks, List<String> command) {
        List<String> out = new ArrayList<>(List.of("bash", "-c", "ulimit -f " + blocks + " && exec \"$@\"", "rfsweep"));
        out.addAll(command);
        return out;
    }
}
