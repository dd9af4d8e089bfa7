package org.rfsweep.bench.peers;

import java.io.IOException;
import org.rfsweep.bench.workload.Workload;

/**
 * The plain-Java line of the peers table: the loop most people would write first with primitive
 * arrays. One {@code int[]} per field (index {@code stack * layers + layer}), one stack at a time,
 * {@code long} running values, no checks beyond "an output extent below 1 or a maxpool padding more
 * than k/2 makes the stack invalid". No blocking, no lanes, no tuning: honest and unoptimised.
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.rfsweep.bench.peers.JavaPlainRun FILE
 * </pre>
 */
public final class JavaPlainRun {
    private static final String USAGE = "JavaPlainRun FILE [--warmup S] [--passes P] [--seconds S]";

    private final int stacks;
    private final int layers;
    private final int inH;
    private final int inW;
    private final int inC;
    private final int[] op;
    private final int[] kh;
    private final int[] kw;
    private final int[] sh;
    private final int[] sw;
    private final int[] dh;
    private final int[] dw;
    private final int[] ph;
    private final int[] pw;
    private final int[] c;

    private JavaPlainRun(Workload w) {
        stacks = w.stacks;
        layers = w.layers;
        inH = w.inH;
        inW = w.inW;
        inC = w.inC;
        int n = stacks * layers;
        op = new int[n];
        kh = new int[n];
        kw = new int[n];
        sh = new int[n];
        sw = new int[n];
        dh = new int[n];
        dw = new int[n];
        ph = new int[n];
        pw = new int[n];
        c = new int[n];
        for (int s = 0; s < stacks; s++) {
            for (int l = 0; l < layers; l++) {
                int i = s * layers + l;
                op[i] = w.get(s, l, Workload.OP);
                kh[i] = w.get(s, l, Workload.KH);
                kw[i] = w.get(s, l, Workload.KW);
                sh[i] = w.get(s, l, Workload.SH);
                sw[i] = w.get(s, l, Workload.SW);
                dh[i] = w.get(s, l, Workload.DH);
                dw[i] = w.get(s, l, Workload.DW);
                ph[i] = w.get(s, l, Workload.PH);
                pw[i] = w.get(s, l, Workload.PW);
                c[i] = w.get(s, l, Workload.C);
            }
        }
    }

    /** One pass over every stack; the checksum of bench/peers/README.md. */
    long pass() {
        long sum = 0;
        for (int s = 0; s < stacks; s++) {
            int h = inH;
            int w = inW;
            int ch = inC;
            long rh = 1;
            long rw = 1;
            long jh = 1;
            long jw = 1;
            long padH = 0;
            long padW = 0;
            long params = 0;
            long macs = 0;
            boolean valid = true;
            for (int l = 0; l < layers; l++) {
                int i = s * layers + l;
                int ekh = dh[i] * (kh[i] - 1) + 1;
                int ekw = dw[i] * (kw[i] - 1) + 1;
                int oh = (h + 2 * ph[i] - ekh) / sh[i] + 1;
                int ow = (w + 2 * pw[i] - ekw) / sw[i] + 1;
                if (h + 2 * ph[i] - ekh < 0 || w + 2 * pw[i] - ekw < 0) {
                    valid = false;
                    break;
                }
                int cout = ch;
                long area = (long) oh * ow;
                if (op[i] == Workload.CONV) {
                    cout = c[i];
                    long perPosition = (long) cout * ch * kh[i] * kw[i];
                    params += perPosition + cout;
                    macs += area * perPosition;
                } else if (op[i] == Workload.SEPCONV) {
                    cout = c[i];
                    long perChannel = (long) kh[i] * kw[i] + cout;
                    params += ch * perChannel + cout;
                    macs += area * ch * perChannel;
                } else if (2 * ph[i] > kh[i] || 2 * pw[i] > kw[i]) {
                    valid = false;
                    break;
                }
                rh += (ekh - 1) * jh;
                rw += (ekw - 1) * jw;
                padH += ph[i] * jh;
                padW += pw[i] * jw;
                jh *= sh[i];
                jw *= sw[i];
                h = oh;
                w = ow;
                ch = cout;
            }
            if (valid) {
                sum += rh + params + macs;
            }
        }
        return sum;
    }

    public static void main(String[] args) throws IOException {
        PeerArgs a = PeerArgs.parse(USAGE, args);
        Workload w = Workload.read(a.file);
        JavaPlainRun run = new JavaPlainRun(w);
        PassTimer.run("java-plain", w.stacks, w.layers, run::pass, a.warmup, a.passes, a.seconds);
    }
}
