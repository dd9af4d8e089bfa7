package org.rfsweep.cli.text;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns, for people (CSV is for programs). Columns are
 * separated by two spaces; a rule is a run of dashes under each column; trailing blanks are
 * cut. For example:
 *
 * <pre>
 *   layer  op                      out        rf  stride  pad  params
 *   -----  ----------------------  ---------  --  ------  ---  ------
 *   1      conv(k=5,s=2,p=1,c=64)  99x99x64    5       2    1   4,864
 * </pre>
 *
 * Not thread-safe; for small tables (it keeps every cell).
 */
public final class TextTable {
    /** How a column's cells line up. */
    public enum Align {
        LEFT, RIGHT
    }

    private static final String[] RULE = new String[0];

    private final List<String> names = new ArrayList<>();
    private final List<Align> aligns = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a column; call before adding rows. */
    public TextTable column(String name, Align align) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("columns must be added before rows");
        }
        names.add(name);
        aligns.add(align);
        return this;
    }

    /** Adds a row; missing trailing cells are blank. */
    public TextTable row(String... cells) {
        if (cells.length > names.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + names.size() + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    /** Adds a rule: dashes under every column. */
    public TextTable rule() {
        rows.add(RULE);
        return this;
    }

    /** Writes the header, a rule, then the rows. */
    public void print(PrintWriter out) {
        int[] width = new int[names.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = names.get(c).length();
        }
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c] == null ? 0 : row[c].length());
            }
        }
        line(out, names.toArray(new String[0]), width);
        line(out, RULE, width);
        for (String[] row : rows) {
            line(out, row, width);
        }
    }

    /**
     * Writes the table as a GitHub-flavoured Markdown pipe table: the header, the alignment row
     * ({@code ---} or {@code ---:}), then the rows; rules are left out and {@code |} in a cell is
     * escaped.
     */
    public void printMarkdown(PrintWriter out) {
        StringBuilder sb = new StringBuilder("|");
        for (String name : names) {
            sb.append(' ').append(escape(name)).append(" |");
        }
        sb.append("\n|");
        for (Align align : aligns) {
            sb.append(align == Align.RIGHT ? " ---: |" : " --- |");
        }
        sb.append('\n');
        for (String[] row : rows) {
            if (row == RULE) {
                continue;
            }
            sb.append('|');
            for (int c = 0; c < names.size(); c++) {
                String cell = c < row.length && row[c] != null ? row[c].trim() : "";
                sb.append(' ').append(escape(cell)).append(cell.isEmpty() ? "|" : " |");
            }
            sb.append('\n');
        }
        out.print(sb);
    }

    /** Writes the table as text or as Markdown. */
    public void print(PrintWriter out, boolean markdown) {
        if (markdown) {
            printMarkdown(out);
        } else {
            print(out);
        }
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    private void line(PrintWriter out, String[] row, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String cell = row == RULE ? "-".repeat(width[c]) : c < row.length && row[c] != null ? row[c] : "";
            if (c > 0) {
                sb.append("  ");
            }
            int pad = width[c] - cell.length();
            if (aligns.get(c) == Align.RIGHT) {
                sb.append(" ".repeat(pad)).append(cell);
            } else {
                sb.append(cell).append(" ".repeat(pad));
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        out.print(sb);
        out.print('\n');
    }
}
