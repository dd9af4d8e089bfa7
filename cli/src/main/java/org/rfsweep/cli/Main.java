package org.rfsweep.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.rfsweep.cli.analyze.AnalyzeCommand;
import org.rfsweep.cli.eval.EvalCommand;
import org.rfsweep.cli.region.RangeCommand;
import org.rfsweep.cli.region.RfCommand;
import org.rfsweep.output.IoReason;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code rfsweep} command. A subcommand is a picocli {@code @Command} class listed in
 * {@code subcommands} below (one line each); it inherits {@code --help} and {@code --version},
 * shares options through the mixins of this package ({@link FlopsOption}, {@link ThreadsOption},
 * {@link OutputOption}, {@link Ignore1x1Option}), writes to {@code spec.commandLine().getOut()},
 * and reports bad input by throwing {@link UserError}.
 *
 * <p>Exit codes: 0 success; 2 bad usage or bad input, with one line {@code rfsweep: <message>}
 * on stderr; 1 an internal error (a bug). Output and input are UTF-8.
 */
@Command(name = "rfsweep", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Exact CNN architecture arithmetic: output sizes, receptive fields, effective stride and padding,"
        + " params and MACs, per layer and for many networks at once.",
    subcommands = {
        AnalyzeCommand.class,
        EvalCommand.class,
        SweepCommand.class,
        SearchCommand.class,
        PlotCommand.class,
        RfCommand.class,
        RangeCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:internal error (a bug; RFSWEEP_DEBUG=1 shows the stack trace)",
        "2:bad usage or bad input (one line on stderr: 'rfsweep: <message>')",
    })
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** {@code rfsweep} without a command is a usage error. */
    @Override
    public Integer call() {
        throw new UserError("missing a command: "
            + ErrorHandlers.commandList(spec.commandLine()) + " (see 'rfsweep --help')");
    }

    /** The configured command line; tests set its out and err and call {@code execute}. */
    public static CommandLine commandLine() {
        ErrorHandlers handlers = new ErrorHandlers();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setParameterExceptionHandler(handlers);
        cmd.setExecutionExceptionHandler(handlers);
        return cmd;
    }

    /** Runs {@code args} writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            return cmd.execute(args);
        } catch (Throwable t) {
            ErrorHandlers.internal(err, t);
            return ErrorHandlers.INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    public static void main(String[] args) {
        StandardOutput out = StandardOutput.of(new FileOutputStream(FileDescriptor.out));
        PrintWriter err = new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        System.exit(finish(run(args, out, err), out, err));
    }

    /**
     * The exit code once standard output is flushed: a failed write is reported (exit code 2),
     * unless the reader of a pipe has gone, which ends the command quietly.
     */
    static int finish(int code, StandardOutput out, PrintWriter err) {
        out.flush();
        if (code != ErrorHandlers.OK || !out.checkError()) {
            return code;
        }
        IOException cause = out.failure();
        if (cause != null && IoReason.brokenPipe(cause)) {
            return ErrorHandlers.OK;
        }
        err.println("rfsweep: writing standard output: " + (cause != null ? IoReason.of(cause)
            : "closed pipe or full disk"));
        err.flush();
        return ErrorHandlers.BAD_INPUT;
    }
}
