package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rfsweep.core.lanes.Lanes;

/** The top command: help, version, usage errors. */
class MainTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "analyze", "eval"})
    void shouldPrintHelpForEveryCommand(String command) {
        Cli.Result r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
        assertEquals(0, r.code());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Usage: rfsweep" + (command.isEmpty() ? "" : " " + command)), r.out());
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    @Test
    void shouldPrintTheVersion() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("rfsweep "), r.out());
        assertTrue(r.out().contains("\nevaluation path: " + Lanes.describe() + "\n"), r.out());
    }

    @Test
    void shouldAskForACommand() {
        assertEquals(new Cli.Result(2, "", "rfsweep: missing a command: " + commands() + " (see 'rfsweep --help')\n"),
            Cli.run());
    }

    @Test
    void shouldNameAnUnknownCommand() {
        assertEquals(new Cli.Result(2, "", "rfsweep: unknown command 'analyse' (expected " + commands() + ")\n"),
            Cli.run("analyse"));
    }

    @Test
    void shouldListCommandsLikeASentence() {
        assertTrue(commands().startsWith("analyze, eval"), commands());
        assertTrue(commands().matches("[a-z]+(, [a-z]+)* or [a-z]+"), commands());
    }

    /** The registered commands as the messages list them, like {@code analyze, eval or sweep}. */
    private static String commands() {
        List<String> names = List.copyOf(Main.commandLine().getSubcommands().keySet());
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    @Test
    void shouldNameAnUnknownOptionAndPointToHelp() {
        assertEquals(new Cli.Result(2, "", "rfsweep: Unknown option: '--fast' (see 'rfsweep eval --help')\n"),
            Cli.run("eval", "x.csv", "--fast"));
    }

    @Test
    void shouldNameAMissingParameter() {
        String error = "rfsweep: Missing required parameter: 'ARCH' (see 'rfsweep analyze --help')\n";
        assertEquals(new Cli.Result(2, "", error), Cli.run("analyze", "--input", "8"));
    }
}
