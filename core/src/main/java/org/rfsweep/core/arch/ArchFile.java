package org.rfsweep.core.arch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An architecture file, such as {@code data/nets/resnet50.arch}: the architecture string of SPEC
 * section 9 spread over any number of lines, with comments and a default input.
 *
 * <ul>
 *   <li>{@code #} starts a comment that runs to the end of the line; a line may be all comment.</li>
 *   <li>Newlines are white space, so layers and branches may span lines.</li>
 *   <li>A line {@code # input: 224x224x3} (any spacing around {@code #}, {@code input} and
 *       {@code :}) gives the input the network is meant for; at most one such line.</li>
 * </ul>
 *
 * <pre>
 *   # ResNet-18 (torchvision), eval mode
 *   # input: 224x224x3
 *   conv(k=7,s=2,p=3,c=64,bias=0) bn relu maxpool(k=3,s=2,p=1)   # stem
 *   res(conv(k=3,p=1,c=64,bias=0) bn relu conv(k=3,p=1,c=64,bias=0) bn) relu
 * </pre>
 *
 * {@link #text()} keeps every line in place (comments are cut, newlines kept), so the column of an
 * {@link ArchSyntaxException} on it maps back to a line and column of the file with
 * {@link #line(int)} and {@link #columnInLine(int)}. Immutable.
 */
public final class ArchFile {
    private static final Pattern INPUT = Pattern.compile("^\\s*#\\s*input\\s*:\\s*(.*?)\\s*$");

    private final String text;
    private final String input;
    private final int inputLine;

    private ArchFile(String text, String input, int inputLine) {
        this.text = text;
        this.input = input;
        this.inputLine = inputLine;
    }

    /**
     * Splits {@code content} into the architecture text and the {@code # input:} value.
     *
     * @throws IllegalArgumentException when there is more than one {@code # input:} line
     */
    public static ArchFile of(String content) {
        String[] lines = content.split("\r\n|\n|\r", -1);
        StringBuilder text = new StringBuilder(content.length());
        String input = null;
        int inputLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = INPUT.matcher(line);
            if (m.matches()) {
                if (input != null) {
                    throw new IllegalArgumentException("line " + (i + 1)
                        + ": a second '# input:' line (the first is line "
                        + inputLine + ")");
                }
                input = m.group(1);
                inputLine = i + 1;
            }
            int hash = line.indexOf('#');
            text.append(hash < 0 ? line : line.substring(0, hash));
            if (i < lines.length - 1) {
                text.append('\n');
            }
        }
        return new ArchFile(text.toString(), input, inputLine);
    }

    /** Reads a UTF-8 file; see {@link #of(String)}. */
    public static ArchFile read(Path path) throws IOException {
        return of(Files.readString(path, StandardCharsets.UTF_8));
    }

    /** The architecture text: comments cut, lines kept. */
    public String text() {
        return text;
    }

    /** Parses {@link #text()}; see {@link ArchParser#parse(String)}. */
    public Network network() {
        return ArchParser.parse(text);
    }

    /** The raw value of the {@code # input:} line, or null when the file has none. */
    public String input() {
        return input;
    }

    /** The 1-based line of the {@code # input:} line, or 0. */
    public int inputLine() {
        return inputLine;
    }

    /**
     * The input shape of the {@code # input:} line, or null when there is none.
     *
     * @throws IllegalArgumentException {@code "line N: input '...': ..."} when the value is not a shape
     */
    public InputShape inputShape() {
        if (input == null) {
            return null;
        }
        try {
            return InputShape.parse(input);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + inputLine + ": " + e.getMessage(), e);
        }
    }

    /**
     * The 1-based line of the 1-based {@code column} of {@link #text()}, as in
     * {@link ArchSyntaxException#column()}.
     */
    public int line(int column) {
        int index = Math.min(column - 1, text.length());
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column within its line of the 1-based {@code column} of {@link #text()}. */
    public int columnInLine(int column) {
        int index = Math.min(column - 1, text.length());
        return index - (text.lastIndexOf('\n', index - 1) + 1) + 1;
    }
}
