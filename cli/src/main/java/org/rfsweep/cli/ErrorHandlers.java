package org.rfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.rfsweep.output.IoReason;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr and an exit code; never a stack trace.
 *
 * <ul>
 *   <li>a closed pipe on standard output ({@link ClosedPipe}): nothing, exit code {@link #OK};</li>
 *   <li>bad usage (picocli's {@link ParameterException}), bad input ({@link UserError}) and
 *       I/O errors ({@link OutputFailure}: a full disk, a file-size limit):
 *       {@code rfsweep: <message>}, exit code {@link #BAD_INPUT}; picocli's parse errors end
 *       with a pointer to the command's help (a {@link UserError} states the rule itself);</li>
 *   <li>anything else is a bug: {@code rfsweep: internal error: <exception>}, exit code
 *       {@link #INTERNAL}; set the environment variable {@code RFSWEEP_DEBUG=1} to also get the
 *       stack trace.</li>
 * </ul>
 */
public final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;

    private static final String PREFIX = "rfsweep: ";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        report(cmd.getErr(), usageMessage(ex, cmd));
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof ClosedPipe) {
            return OK;
        }
        if (ex instanceof UserError) {
            report(cmd.getErr(), ex.getMessage());
            return BAD_INPUT;
        }
        if (ex instanceof OutputFailure) {
            report(cmd.getErr(), ex.getMessage());
            return BAD_INPUT;
        }
        if (ex instanceof IOException) {
            report(cmd.getErr(), "input/output error: " + IoReason.of((IOException) ex));
            return BAD_INPUT;
        }
        if (ex instanceof ParameterException) {
            report(cmd.getErr(), ex.getMessage());
            return BAD_INPUT;
        }
        internal(cmd.getErr(), ex);
        return INTERNAL;
    }

    /** Reports a throwable that escaped picocli (an {@link Error}, say) as an internal error. */
    static void internal(PrintWriter err, Throwable ex) {
        String message = ex instanceof OutOfMemoryError
            ? "out of memory (give Java more with RFSWEEP_JAVA_OPTS=-Xmx8g, or use smaller inputs)"
            : "internal error: " + oneLine(String.valueOf(ex));
        report(err, message);
        if (System.getenv("RFSWEEP_DEBUG") != null) {
            ex.printStackTrace(err);
            err.flush();
        }
    }

    private static String usageMessage(ParameterException ex, CommandLine cmd) {
        String help = " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')";
        if (ex instanceof UnmatchedArgumentException && cmd.getParent() == null && !cmd.getSubcommands().isEmpty()) {
            List<String> unmatched = ((UnmatchedArgumentException) ex).getUnmatched();
            if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                return "unknown command '" + unmatched.get(0) + "' (expected " + commandList(cmd) + ")";
            }
        }
        return oneLine(ex.getMessage()) + help;
    }

    /** The subcommand names, like {@code analyze, eval or sweep}. */
    static String commandList(CommandLine cmd) {
        List<String> names = List.copyOf(cmd.getSubcommands().keySet());
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static void report(PrintWriter err, String message) {
        err.print(PREFIX + oneLine(message) + "\n");
        err.flush();
    }

    /** {@code message} on one line, capped by {@link Echo#capLine} (long messages echo input). */
    static String oneLine(String message) {
        return Echo.capLine(message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }
}
