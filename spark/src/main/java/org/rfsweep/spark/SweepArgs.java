package org.rfsweep.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link SparkSweep}, parsed by hand (the engine library has no picocli):
 * {@code SPACE.json --out DIR [--enumerate | --samples N --seed S] [--range A:B | --shard I/N]
 * [--where EXPR]... [--flops NAMES]... [--ignore-1x1] [--partitions P] [--format csv|parquet|none]
 * [--top K] [--minimize OBJ] [--pareto FILE]}. Options take their value as the next argument or
 * after {@code =}. The messages of bad usage are those of {@code rfsweep sweep}.
 */
final class SweepArgs {
    static final String USAGE = "usage: SparkSweep SPACE.json --out DIR [--enumerate | --samples N [--seed S]]"
        + " [--range A:B | --shard I/N] [--where EXPR]... [--flops NAMES]... [--ignore-1x1] [--partitions P]"
        + " [--format csv|parquet|none] [--top K] [--minimize OBJ] [--pareto FILE]";

    String spaceFile;
    String out;
    boolean enumerate;
    Long samples;
    long seed;
    String range;
    String shard;
    final List<String> where = new ArrayList<>();
    final List<String> flops = new ArrayList<>();
    boolean ignore1x1;
    int partitions;
    OutputFormat format = OutputFormat.CSV;
    int top;
    String minimize = "macs";
    boolean minimizeGiven;
    String pareto;
    int failFirstAttemptOf = -1;
    boolean failEveryAttempt;
    boolean help;

    private SweepArgs() {
    }

    /**
     * Parses {@code args}.
     *
     * @throws UsageException for an unknown option, a missing or malformed value, or a missing SPACE.json or --out
     */
    static SweepArgs parse(String[] args, int defaultPartitions) {
        SweepArgs a = new SweepArgs();
        a.partitions = defaultPartitions;
        boolean partitionsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> a.help = true;
                case "--enumerate" -> a.enumerate = true;
                case "--ignore-1x1" -> a.ignore1x1 = true;
                case "--samples" -> a.samples = longValue(name, value != null ? value : next(args, ++i, name));
                case "--seed" -> a.seed = longValue(name, value != null ? value : next(args, ++i, name));
                case "--range" -> a.range = value != null ? value : next(args, ++i, name);
                case "--shard" -> a.shard = value != null ? value : next(args, ++i, name);
                case "--where" -> a.where.add(value != null ? value : next(args, ++i, name));
                case "--flops" -> a.flops.add(value != null ? value : next(args, ++i, name));
                case "-o", "--out" -> a.out = value != null ? value : next(args, ++i, name);
                case "--partitions" -> {
                    a.partitions = intValue(name, value != null ? value : next(args, ++i, name));
                    partitionsGiven = true;
                }
                case "--format" -> a.format = OutputFormat.parse(value != null ? value : next(args, ++i, name));
                case "--top" -> a.top = positive(name, intValue(name, value != null ? value : next(args, ++i, name)));
                case "--minimize" -> {
                    a.minimize = value != null ? value : next(args, ++i, name);
                    a.minimizeGiven = true;
                }
                case "--pareto" -> a.pareto = value != null ? value : next(args, ++i, name);
                case "--fail-first-attempt-of-task" ->
                    a.failFirstAttemptOf = intValue(name, value != null ? value : next(args, ++i, name));
                case "--fail-every-attempt-of-task" -> {
                    a.failFirstAttemptOf = intValue(name, value != null ? value : next(args, ++i, name));
                    a.failEveryAttempt = true;
                }
                default -> a.positional(arg);
            }
        }
        if (a.help) {
            return a;
        }
        if (a.spaceFile == null) {
            throw new UsageException("Missing required parameter: 'SPACE.json'");
        }
        if (a.out == null) {
            throw new UsageException("Missing required option: '--out=DIR'");
        }
        if (partitionsGiven && a.partitions < 1) {
            throw new UsageException("--partitions=" + a.partitions + " must be 1 or more");
        }
        return a;
    }

    private void positional(String arg) {
        if (arg.startsWith("-") && arg.length() > 1) {
            throw new UsageException("Unknown option: '" + arg + "'");
        }
        if (spaceFile != null) {
            throw new UsageException("Unmatched argument at index 1: '" + arg + "'");
        }
        spaceFile = arg;
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new UsageException("Missing required parameter for option '" + name + "'");
        }
        return args[i];
    }

    private static long longValue(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value for option '" + name + "': '" + text + "' is not a long number");
        }
    }

    private static int intValue(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value for option '" + name + "': '" + text + "' is not an int");
        }
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new UsageException(name + "=" + value + " must be 1 or more");
        }
        return value;
    }
}
