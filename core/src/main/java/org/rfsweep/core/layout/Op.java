package org.rfsweep.core.layout;

/**
 * Layer kinds, stored in {@link Layer#OP}, with their architecture-string names (SPEC section 9).
 *
 * <p>Codes below {@link #FIRST_MARKER} are layers; the rest are branch markers. A branch block
 * is encoded as an opening marker ({@link #ADD}, {@link #CAT} or {@link #MUL}), the first
 * branch's layers, then {@link #NEXT} before each further branch, and {@link #END}. An empty
 * branch is the identity; {@code res(A)} is {@code ADD A NEXT END}.
 */
public final class Op {
    public static final int CONV = 0;
    public static final int DWCONV = 1;
    public static final int SEPCONV = 2;
    public static final int MAXPOOL = 3;
    public static final int AVGPOOL = 4;
    public static final int GAP = 5;
    public static final int FC = 6;
    public static final int BN = 7;
    public static final int RELU = 8;

    public static final int FIRST_MARKER = 16;
    public static final int ADD = 16;
    public static final int CAT = 17;
    public static final int MUL = 18;
    public static final int NEXT = 19;
    public static final int END = 20;

    private static final String[] NAMES = {
        "conv", "dwconv", "sepconv", "maxpool", "avgpool", "gap", "fc", "bn", "relu",
        null, null, null, null, null, null, null,
        "add", "cat", "mul", "|", ")"
    };

    private Op() {
    }

    /** The architecture-string name of {@code op}. */
    public static String name(int op) {
        return op >= 0 && op < NAMES.length && NAMES[op] != null ? NAMES[op] : "op#" + op;
    }

    /** The code of the layer named {@code name}, or -1. Branch names are not layers. */
    public static int layerCode(String name) {
        for (int op = 0; op < FIRST_MARKER; op++) {
            if (name.equals(NAMES[op])) {
                return op;
            }
        }
        return -1;
    }

    public static boolean isMarker(int op) {
        return op >= FIRST_MARKER;
    }

    /** Layers with a sliding spatial window: kernel, stride, dilation and padding apply. */
    public static boolean isWindowed(int op) {
        return op <= AVGPOOL;
    }

    public static boolean isPool(int op) {
        return op == MAXPOOL || op == AVGPOOL;
    }

    /** Layers that see the whole feature map (SPEC section 3: {@code ek = n}, output extent 1). */
    public static boolean isGlobal(int op) {
        return op == GAP || op == FC;
    }
}
