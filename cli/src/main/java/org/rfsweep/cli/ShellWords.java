package org.rfsweep.cli;

import java.util.regex.Pattern;

/**
 * Words of a command line that a POSIX shell reads back as they are: a word of safe characters
 * stays bare, any other is put in single quotes ({@code it's} becomes {@code 'it'\''s'}). The
 * program is how the user started rfsweep: {@code RFSWEEP_COMMAND}, which the {@code ./rfsweep}
 * launcher sets to its own path, else {@code rfsweep}.
 */
public final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** {@code word}, quoted when a shell would split or expand it. */
    public static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The command that runs rfsweep, quoted. */
    public static String program() {
        String launcher = System.getenv("RFSWEEP_COMMAND");
        return quote(launcher == null || launcher.isBlank() ? "rfsweep" : launcher);
    }
}
