package org.rfsweep.core.arch;

import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;

/**
 * Writes the canonical architecture string of a stack of {@link Layer} records.
 *
 * <p>Canonical means: keys in the order {@code k, s, p, d, c, g, bias, ceil, o, n, i}; a key is left out
 * when it has its default (SPEC section 9: {@code s=1}, pools {@code s=k}, {@code p=0},
 * {@code d=1}, {@code g=1}, {@code bias=1} where a bias exists, {@code ceil=0}; the required keys
 * of {@code chunk}, {@code shuffle} and {@code adaptiveavgpool} are always written); a per-axis value
 * is written once when both axes agree ({@code 3}, else {@code 3x5}); a padding side is written
 * {@code N} when before equals after, else {@code before:after}; layers are separated by one
 * space and branches by {@code " | "}; {@code add(A | )} is written {@code res(A)}.
 *
 * <p>Stateless and thread-safe. {@link #append} writes into a caller's builder without
 * allocating beyond the builder's growth, for CSV writers in the sweep.
 */
public final class ArchFormatter {
    private ArchFormatter() {
    }

    public static String format(Network network) {
        int[] records = network.records();
        StringBuilder sb = new StringBuilder(records.length * 2);
        append(sb, records, 0, network.count());
        return sb.toString();
    }

    /** Appends the canonical string of {@code count} records at {@code records[base...]}. */
    public static void append(StringBuilder sb, int[] records, int base, int count) {
        int start = sb.length();
        int end = base + count * Layer.INTS;
        for (int at = base; at < end; at += Layer.INTS) {
            int op = records[at + Layer.OP];
            switch (op) {
                case Op.ADD:
                    separate(sb, start);
                    if (isResidual(records, at, end)) {
                        sb.append("res(");
                    } else {
                        sb.append("add(");
                    }
                    break;
                case Op.CAT:
                case Op.MUL:
                    separate(sb, start);
                    sb.append(Op.name(op)).append('(');
                    break;
                case Op.NEXT:
                    if (isResidualTail(records, base, at, end)) {
                        break;
                    }
                    sb.append(" | ");
                    break;
                case Op.END:
                    sb.append(')');
                    break;
                default:
                    separate(sb, start);
                    layer(sb, records, at);
            }
        }
    }

    /** True when the block opened at {@code at} is {@code ADD A NEXT END}: exactly one empty second branch. */
    private static boolean isResidual(int[] records, int at, int end) {
        int depth = 0;
        for (int i = at + Layer.INTS; i < end; i += Layer.INTS) {
            int op = records[i + Layer.OP];
            if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                depth++;
            } else if (op == Op.END) {
                if (depth-- == 0) {
                    return false;
                }
            } else if (op == Op.NEXT && depth == 0) {
                return isResidualTail(records, at, i, end);
            }
        }
        return false;
    }

    /** True when the NEXT at {@code at} is directly followed by the END of an ADD with one NEXT. */
    private static boolean isResidualTail(int[] records, int base, int at, int end) {
        if (at + Layer.INTS >= end || records[at + Layer.INTS + Layer.OP] != Op.END) {
            return false;
        }
        int depth = 0;
        int nexts = 0;
        for (int i = at; i >= base; i -= Layer.INTS) {
            int op = records[i + Layer.OP];
            if (op == Op.END) {
                depth++;
            } else if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                if (depth-- == 0) {
                    return op == Op.ADD && nexts == 1;
                }
            } else if (op == Op.NEXT && depth == 0) {
                nexts++;
            }
        }
        return false;
    }

    /** A space before the next item, unless it is the first one or follows '(' or a space. */
    private static void separate(StringBuilder sb, int start) {
        int n = sb.length();
        if (n > start && sb.charAt(n - 1) != '(' && sb.charAt(n - 1) != ' ') {
            sb.append(' ');
        }
    }

    private static void layer(StringBuilder sb, int[] r, int at) {
        int op = r[at + Layer.OP];
        sb.append(Op.name(op));
        int mark = sb.length();
        sb.append('(');
        int open = sb.length();
        if (Op.isWindowed(op)) {
            pair(sb, open, "k", r[at + Layer.KH], r[at + Layer.KW]);
            boolean pool = Op.isPool(op);
            int sDefH = pool ? r[at + Layer.KH] : 1;
            int sDefW = pool ? r[at + Layer.KW] : 1;
            if (r[at + Layer.SH] != sDefH || r[at + Layer.SW] != sDefW) {
                pair(sb, open, "s", r[at + Layer.SH], r[at + Layer.SW]);
            }
            padding(sb, open, r, at);
            if (r[at + Layer.DH] != 1 || r[at + Layer.DW] != 1) {
                pair(sb, open, "d", r[at + Layer.DH], r[at + Layer.DW]);
            }
        }
        if (op >= Op.CHUNK) {
            shaping(sb, open, r, at, op);
        }
        if (r[at + Layer.C] != Layer.SAME_CHANNELS) {
            key(sb, open, "c").append(r[at + Layer.C]);
        }
        if (r[at + Layer.G] != 1 && op < Op.CHUNK) {
            key(sb, open, "g").append(r[at + Layer.G]);
        }
        if (Kinds.is(op, Kinds.BIAS) && r[at + Layer.BIAS] == 0) {
            key(sb, open, "bias").append('0');
        }
        if (r[at + Layer.MODE] == Rounding.CEIL) {
            key(sb, open, "ceil").append('1');
        }
        if (sb.length() == open) {
            sb.setLength(mark);
        } else {
            sb.append(')');
        }
    }

    /** The keys of chunk, shuffle and adaptiveavgpool, all required, so always written. */
    private static void shaping(StringBuilder sb, int open, int[] r, int at, int op) {
        if (op == Op.CHUNK) {
            key(sb, open, "n").append(r[at + Layer.G]);
            key(sb, open, "i").append(r[at + Layer.INDEX]);
        } else if (op == Op.SHUFFLE) {
            key(sb, open, "g").append(r[at + Layer.G]);
        } else if (op == Op.ADAPTIVEAVGPOOL) {
            pair(sb, open, "o", r[at + Layer.KH], r[at + Layer.KW]);
        }
    }

    private static void padding(StringBuilder sb, int open, int[] r, int at) {
        int mode = r[at + Layer.MODE];
        if (mode == Rounding.SAME) {
            key(sb, open, "p").append("same");
            return;
        }
        if (mode == Rounding.VALID) {
            key(sb, open, "p").append("valid");
            return;
        }
        int pt = r[at + Layer.PT];
        int pb = r[at + Layer.PB];
        int pl = r[at + Layer.PL];
        int pr = r[at + Layer.PR];
        if ((pt | pb | pl | pr) == 0) {
            return;
        }
        key(sb, open, "p");
        side(sb, pt, pb);
        if (pt != pl || pb != pr) {
            sb.append('x');
            side(sb, pl, pr);
        }
    }

    private static void side(StringBuilder sb, int before, int after) {
        sb.append(before);
        if (after != before) {
            sb.append(':').append(after);
        }
    }

    private static void pair(StringBuilder sb, int open, String name, int h, int w) {
        key(sb, open, name).append(h);
        if (w != h) {
            sb.append('x').append(w);
        }
    }

    private static StringBuilder key(StringBuilder sb, int open, String name) {
        if (sb.length() > open) {
            sb.append(',');
        }
        return sb.append(name).append('=');
    }
}
