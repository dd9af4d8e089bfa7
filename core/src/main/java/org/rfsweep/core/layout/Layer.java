package org.rfsweep.core.layout;

import java.util.Arrays;

/**
 * The record layout of one layer in a stack encoding. This class is the only place that knows
 * field offsets; everything else reads and writes through these constants.
 *
 * <p>A stack of {@code L} layers is {@code L} consecutive records of {@link #INTS} ints in an
 * {@code int[]}, starting at any offset. One record is 64 bytes, one cache line:
 *
 * <pre>
 *  int  0    1    2    3    4    5    6    7    8    9    10   11     12   13   14   15
 *     +----+----+----+----+----+----+----+----+----+----+----+------+----+----+----+----+
 *     | OP | KH | KW | SH | SW | DH | DW | PT | PB | PL | PR | MODE | C  | G  |BIAS| IX |
 *     +----+----+----+----+----+----+----+----+----+----+----+------+----+----+----+----+
 *       |    kernel    stride  dilation  padding: top, bottom,  |     |    |    |
 *       |    (H, W)    (H, W)  (H, W)    left, right (explicit) |     |    |    +- 0 or 1
 *       +- {@link Op} code                        {@link Rounding}    |    +- groups   chunk index
 *                                                        output channels, or {@link #SAME_CHANNELS}
 * </pre>
 *
 * <p>Unused fields of a kind hold their neutral value (kernel, stride and dilation 1, padding 0),
 * so a record is always fully defined and two equal networks have equal records. Three kinds
 * reuse fields: {@code adaptiveavgpool} keeps its output size in {@link #KH}/{@link #KW},
 * {@code chunk} its part count in {@link #G} and its part in {@link #INDEX}, {@code shuffle} its
 * groups in {@link #G}. Branch markers
 * ({@link Op#ADD}, {@link Op#NEXT}, {@link Op#END}, ...) are records too; only their {@code OP}
 * field is meaningful.
 */
public final class Layer {
    /** Ints per layer record. */
    public static final int INTS = 16;

    public static final int OP = 0;
    public static final int KH = 1;
    public static final int KW = 2;
    public static final int SH = 3;
    public static final int SW = 4;
    public static final int DH = 5;
    public static final int DW = 6;
    /** Padding before the first row (top). */
    public static final int PT = 7;
    /** Padding after the last row (bottom). */
    public static final int PB = 8;
    /** Padding before the first column (left). */
    public static final int PL = 9;
    /** Padding after the last column (right). */
    public static final int PR = 10;
    /** Output-extent rounding mode, a {@link Rounding} code. */
    public static final int MODE = 11;
    /** Output channels; {@link #SAME_CHANNELS} keeps the input's channel count. */
    public static final int C = 12;
    /** Groups of a {@code conv} or {@code shuffle}, parts of a {@code chunk}; 1 for every other kind. */
    public static final int G = 13;
    /** 1 when the layer has a bias, else 0. */
    public static final int BIAS = 14;
    /** The part a {@code chunk} keeps (0-based, below its {@link #G} parts); 0 for every other kind. */
    public static final int INDEX = 15;

    /** Value of {@link #C} meaning "as many channels as the input". */
    public static final int SAME_CHANNELS = 0;

    private Layer() {
    }

    /** Offset of field {@code field} of layer {@code index} in a stack starting at {@code base}. */
    public static int at(int base, int index, int field) {
        return base + index * INTS + field;
    }

    /** Writes a neutral record (kernel, stride, dilation 1; no padding; floor mode) for {@code op}. */
    public static void clear(int[] records, int offset, int op) {
        Arrays.fill(records, offset, offset + INTS, 0);
        records[offset + OP] = op;
        records[offset + KH] = 1;
        records[offset + KW] = 1;
        records[offset + SH] = 1;
        records[offset + SW] = 1;
        records[offset + DH] = 1;
        records[offset + DW] = 1;
        records[offset + G] = 1;
    }
}
