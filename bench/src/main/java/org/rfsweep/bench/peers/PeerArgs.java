package org.rfsweep.bench.peers;

import java.nio.file.Path;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.bench.workload.Workload;

/**
 * Command line of the Java peers: {@code FILE [--threads T] [--warmup S] [--passes P] [--seconds S]}.
 * A bad option prints one line and exits with code 2.
 */
final class PeerArgs {
    Path file;
    int threads = 1;
    double warmup = 3;
    int passes = 7;
    double seconds = 2;

    static PeerArgs parse(String usage, String[] args) {
        PeerArgs a = new PeerArgs();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--threads":
                        a.threads = positive("--threads", args[++i]);
                        break;
                    case "--warmup":
                        a.warmup = Double.parseDouble(args[++i]);
                        break;
                    case "--passes":
                        a.passes = positive("--passes", args[++i]);
                        break;
                    case "--seconds":
                        a.seconds = Double.parseDouble(args[++i]);
                        break;
                    default:
                        if (args[i].startsWith("--") || a.file != null) {
                            throw new IllegalArgumentException("unknown argument " + args[i]);
                        }
                        a.file = Path.of(args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            fail(usage, "bad or missing option value: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(usage, e.getMessage());
        }
        if (a.file == null) {
            fail(usage, "missing FILE");
        }
        return a;
    }

    private static int positive(String name, String value) {
        int v = Integer.parseInt(value);
        if (v < 1) {
            throw new IllegalArgumentException(name + "=" + v + " must be >= 1");
        }
        return v;
    }

    /**
     * The reference workload that the arguments {@code OUT STACKS LAYERS [SEED]} of a generator
     * name ({@link ReferenceWorkload} rules); a bad argument ends the process with its usage.
     */
    static Workload generated(String usage, String[] args) {
        if (args.length < 3 || args.length > 4) {
            fail(usage, "expected 3 or 4 arguments, got " + args.length);
        }
        try {
            int stacks = Integer.parseInt(args[1]);
            int layers = Integer.parseInt(args[2]);
            long seed = args.length == 4 ? Long.parseLong(args[3]) : ReferenceWorkload.SEED;
            return ReferenceWorkload.generate(seed, stacks, layers);
        } catch (IllegalArgumentException e) {
            fail(usage, e.getMessage());
            throw e;
        }
    }

    static void fail(String usage, String message) {
        System.err.println(message + "; usage: " + usage);
        System.exit(2);
    }
}
