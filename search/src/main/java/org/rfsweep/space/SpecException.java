package org.rfsweep.space;

/**
 * A design space that breaks a rule, reported as one line: the file (when the space came from
 * one), the JSON path, the value and the rule.
 *
 * <pre>
 *   default.json: body.layer.k[2]: 0 is not a positive kernel
 * </pre>
 */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final String detail;

    /** A rule broken at {@code path}, like {@code body.layer.k[2]}; {@code detail} names value and rule. */
    public SpecException(String path, String detail) {
        this(null, path, detail);
    }

    private SpecException(String source, String path, String detail) {
        super(render(source, path, detail));
        this.source = source;
        this.path = path;
        this.detail = detail;
    }

    /** This error with the name of the file it came from in front. */
    public SpecException in(String file) {
        return source != null || file == null ? this : new SpecException(file, path, detail);
    }

    /** The file, or null. */
    public String source() {
        return source;
    }

    /** The JSON path, like {@code body.stages[1].layer.c[0]}. */
    public String path() {
        return path;
    }

    /** The value and the rule, without the file and the path. */
    public String detail() {
        return detail;
    }

    private static String render(String source, String path, String detail) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(detail).toString();
    }
}
