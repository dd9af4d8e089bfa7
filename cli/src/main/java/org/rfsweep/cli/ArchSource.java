package org.rfsweep.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rfsweep.core.arch.ArchFile;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.ArchSyntaxException;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;

/**
 * An {@code ARCH} argument: an architecture string, or the path of an existing file holding one
 * (an {@link ArchFile}: UTF-8, layers may span lines, {@code #} starts a comment, and a line
 * {@code # input: 224x224x3} gives the input shape used when the command line has no
 * {@code --input}). Example:
 *
 * <pre>
 *   # AlexNet (torchvision), features and classifier
 *   # input: 224x224x3
 *   conv(k=11,s=4,p=2,c=64) relu maxpool(k=3,s=2)
 *   conv(k=5,p=2,c=192) relu maxpool(k=3,s=2)    # second block
 * </pre>
 *
 * Parse errors in a file are reported as {@code FILE:LINE:COLUMN: message}.
 */
public final class ArchSource {
    /** Largest architecture file read (the largest zoo net is about 20 KB). */
    static final long MAX_FILE_BYTES = 16L << 20;

    private static final Pattern LINE = Pattern.compile("line (\\d+): (.*)", Pattern.DOTALL);

    /** The file's name as given, or null for an inline string. */
    private final String file;
    /** The architecture text; from a file, comments are cut and lines kept, so columns map back to lines. */
    private final String text;
    private final String input;
    private final int inputLine;

    private ArchSource(String file, String text, String input, int inputLine) {
        this.file = file;
        this.text = text;
        this.input = input;
        this.inputLine = inputLine;
    }

    /** Reads {@code arg} as a file when one exists at that path, else takes it as the architecture. */
    public static ArchSource of(String arg) {
        Path path = asPath(arg);
        if (path != null && Files.isDirectory(path)) {
            throw new UserError(arg + ": is a directory, not an architecture file");
        }
        if (path != null && Files.exists(path) && !Files.isRegularFile(path)) {
            throw new UserError(arg + ": not a regular file (ARCH is an architecture string or a file)");
        }
        if (path == null || !Files.isRegularFile(path)) {
            return new ArchSource(null, arg, null, 0);
        }
        ArchFile file;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new UserError(arg + ": too large for an architecture file (" + Files.size(path)
                    + " bytes; at most " + MAX_FILE_BYTES + ")");
            }
            file = ArchFile.read(path);
        } catch (CharacterCodingException e) {
            throw new UserError(arg + ": not UTF-8 text");
        } catch (AccessDeniedException e) {
            throw new UserError(arg + ": permission denied");
        } catch (IOException e) {
            throw new UserError(arg + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError(located(arg, e.getMessage()));
        }
        return new ArchSource(arg, file.text(), file.input(), file.inputLine());
    }

    /**
     * Parses the architecture. A syntax error becomes a one-line {@link UserError} that names the
     * column (in a file: {@code FILE:LINE:COLUMN}). An inline argument that does not parse and
     * looks like a path is reported as a missing file.
     */
    public Network parse() {
        try {
            return ArchParser.parse(text);
        } catch (ArchSyntaxException e) {
            if (file == null && looksLikePath(text)) {
                throw new UserError(Echo.cap(text) + ": no such file (ARCH is an architecture string or a file)");
            }
            throw syntaxError(e);
        }
    }

    /**
     * The input shape: {@code option} when given (the {@code --input} value), else the file's
     * {@code # input:} line.
     */
    public InputShape input(String option) {
        if (option != null) {
            try {
                return InputShape.parse(option);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                throw new UserError(message.startsWith("input '") ? "--" + message : "--input: " + message);
            }
        }
        if (input == null) {
            throw new UserError("no input shape: give --input HxWxC (like --input 224x224x3)"
                + (file == null ? "" : ", or a line '# input: HxWxC' in " + file));
        }
        try {
            return InputShape.parse(input);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ":" + inputLine + ": " + e.getMessage());
        }
    }

    /** The channels of the file's {@code # input:} line, or 3 (the default of {@code N} alone). */
    public int defaultChannels() {
        return input == null ? 3 : input(null).c;
    }

    private UserError syntaxError(ArchSyntaxException e) {
        int index = Math.min(e.column() - 1, text.length());
        int lineStart = text.lastIndexOf('\n', index - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int column = index - lineStart + 1;
        String message = e.getMessage();
        if (file != null) {
            String prefix = "arch column " + e.column() + ": ";
            String rest = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
            message = file + ":" + line + ":" + column + ": " + rest;
        }
        return new UserError(message);
    }

    /** {@code FILE:N: rest} for a message {@code line N: rest}. */
    private static String located(String file, String message) {
        Matcher m = LINE.matcher(message);
        return m.matches() ? file + ":" + m.group(1) + ": " + m.group(2) : file + ": " + message;
    }

    /** A path for {@code arg}, or null when it cannot name a file on this system. */
    private static Path asPath(String arg) {
        if (arg.isEmpty() || arg.indexOf('\n') >= 0) {
            return null;
        }
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * True when {@code arg} looks like a path rather than an architecture: it has a character
     * that no architecture string has ({@code / \ .}).
     */
    static boolean looksLikePath(String arg) {
        return arg.indexOf('/') >= 0 || arg.indexOf('\\') >= 0 || arg.indexOf('.') >= 0;
    }

    /** The file name, or null for an inline architecture. */
    public String file() {
        return file;
    }
}
