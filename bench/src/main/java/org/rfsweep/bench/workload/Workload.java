package org.rfsweep.bench.workload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;

/**
 * Stacks of equal length on one input, in the compact form that every peer implementation reads:
 * {@link #FIELDS} ints per layer, stacks back to back. The binary file (all int32 little-endian):
 * <pre>
 *   header, 8 ints:  MAGIC  VERSION  stacks  layers  inH  inW  inC  FIELDS
 *   body, stacks * layers * FIELDS ints, stack 0 layer 0 first:
 *                    op  kh  kw  sh  sw  dh  dw  ph  pw  c
 * </pre>
 * {@code op} is {@link #CONV} 0, {@link #SEPCONV} 2 or {@link #MAXPOOL} 3 (the file's own codes,
 * mapped to {@link Op} codes by {@link #writeRecord}); {@code ph}/{@code pw}
 * pad both sides of their axis; {@code c} is the output channels, 0 for "keep the input's"
 * (pools). Every layer has floor rounding; conv and sepconv have a bias, pools none.
 * Immutable after construction apart from the array handed to {@link #Workload}.
 */
public final class Workload {
    /** "RFWL" as little-endian bytes. */
    public static final int MAGIC = 0x4C574652;
    public static final int VERSION = 1;
    public static final int FIELDS = 10;
    public static final int OP = 0;
    public static final int KH = 1;
    public static final int KW = 2;
    public static final int SH = 3;
    public static final int SW = 4;
    public static final int DH = 5;
    public static final int DW = 6;
    public static final int PH = 7;
    public static final int PW = 8;
    public static final int C = 9;
    /** Op codes of the file format. */
    public static final int CONV = 0;
    public static final int SEPCONV = 2;
    public static final int MAXPOOL = 3;
    private static final int HEADER_INTS = 8;

    public final int stacks;
    public final int layers;
    public final int inH;
    public final int inW;
    public final int inC;
    private final int[] fields;

    public Workload(int stacks, int layers, int inH, int inW, int inC, int[] fields) {
        if (fields.length != stacks * layers * FIELDS) {
            throw new IllegalArgumentException("fields.length=" + fields.length + " must be stacks*layers*"
                + FIELDS + "=" + stacks * layers * FIELDS);
        }
        this.stacks = stacks;
        this.layers = layers;
        this.inH = inH;
        this.inW = inW;
        this.inC = inC;
        this.fields = fields;
    }

    /** Field {@code field} of layer {@code layer} of stack {@code stack}. */
    public int get(int stack, int layer, int field) {
        return fields[(stack * layers + layer) * FIELDS + field];
    }

    /** Layer evaluations in one pass over every stack. */
    public long layerEvaluations() {
        return (long) stacks * layers;
    }

    /** The engine encoding: {@code stacks * layers} {@link Layer} records back to back. */
    public int[] toRecords() {
        int[] rec = new int[stacks * layers * Layer.INTS];
        for (int i = 0; i < stacks * layers; i++) {
            writeRecord(fields, i * FIELDS, rec, i * Layer.INTS);
        }
        return rec;
    }

    /** Writes the {@link Layer} record of the compact layer at {@code src[from...]} into {@code dst[to...]}. */
    public static void writeRecord(int[] src, int from, int[] dst, int to) {
        int op = engineOp(src[from + OP]);
        Layer.clear(dst, to, op);
        dst[to + Layer.KH] = src[from + KH];
        dst[to + Layer.KW] = src[from + KW];
        dst[to + Layer.SH] = src[from + SH];
        dst[to + Layer.SW] = src[from + SW];
        dst[to + Layer.DH] = src[from + DH];
        dst[to + Layer.DW] = src[from + DW];
        dst[to + Layer.PT] = src[from + PH];
        dst[to + Layer.PB] = src[from + PH];
        dst[to + Layer.PL] = src[from + PW];
        dst[to + Layer.PR] = src[from + PW];
        dst[to + Layer.C] = src[from + C];
        dst[to + Layer.BIAS] = op == Op.MAXPOOL ? 0 : 1;
    }

    /** The {@link Op} code of a file op code. */
    public static int engineOp(int fileOp) {
        switch (fileOp) {
            case CONV:
                return Op.CONV;
            case SEPCONV:
                return Op.SEPCONV;
            case MAXPOOL:
                return Op.MAXPOOL;
            default:
                throw new IllegalArgumentException("op=" + fileOp
                    + " is not a workload op (0 conv, 2 sepconv, 3 maxpool)");
        }
    }

    public void write(Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((HEADER_INTS + fields.length) * Integer.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putInt(VERSION).putInt(stacks).putInt(layers).putInt(inH).putInt(inW).putInt(inC)
            .putInt(FIELDS);
        for (int v : fields) {
            buf.putInt(v);
        }
        Files.write(path, buf.array());
    }

    /** Reads a file written by {@link #write}; throws with the file name and the bad header field. */
    public static Workload read(Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < HEADER_INTS * Integer.BYTES || buf.getInt(0) != MAGIC) {
            throw new IOException(path + ": not a workload file (magic RFWL missing)");
        }
        int version = buf.getInt(4);
        int fieldsPerLayer = buf.getInt(28);
        if (version != VERSION || fieldsPerLayer != FIELDS) {
            throw new IOException(path + ": version=" + version + " fields=" + fieldsPerLayer + ", expected "
                + VERSION + " and " + FIELDS);
        }
        int stacks = buf.getInt(8);
        int layers = buf.getInt(12);
        long body = (long) stacks * layers * FIELDS;
        if (stacks < 0 || layers < 0 || buf.capacity() != (HEADER_INTS + body) * Integer.BYTES) {
            throw new IOException(path + ": size " + buf.capacity() + " bytes does not match stacks=" + stacks
                + " layers=" + layers);
        }
        int[] fields = new int[(int) body];
        buf.position(HEADER_INTS * Integer.BYTES);
        buf.asIntBuffer().get(fields);
        return new Workload(stacks, layers, buf.getInt(16), buf.getInt(20), buf.getInt(24), fields);
    }
}
