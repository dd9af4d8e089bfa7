package org.rfsweep.cli;

import java.util.SplittableRandom;

/**
 * Random {@code arch,input} CSV rows for eval tests: plain stacks of every layer kind with
 * random settings, most valid, some not (too small, bad groups, bad pool padding), and a few
 * syntax and input errors.
 */
final class RandomRows {
    private RandomRows() {
    }

    /** A CSV with a header and {@code rows} rows, all determined by {@code seed}. */
    static String csv(long seed, int rows, boolean onlyValidSyntax) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("id,arch,input\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(",\"").append(arch(random, onlyValidSyntax)).append("\",").append(input(random,
                onlyValidSyntax)).append('\n');
        }
        return sb.toString();
    }

    static String arch(SplittableRandom random, boolean onlyValidSyntax) {
        StringBuilder sb = new StringBuilder();
        int layers = 1 + random.nextInt(12);
        for (int i = 0; i < layers; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            layer(random, sb);
        }
        if (!onlyValidSyntax && random.nextInt(50) == 0) {
            sb.insert(random.nextInt(sb.length() + 1), random.nextBoolean() ? "(" : "k=");
        }
        return sb.toString();
    }

    private static void layer(SplittableRandom random, StringBuilder sb) {
        int k = 1 + random.nextInt(5);
        switch (random.nextInt(9)) {
            case 0:
            case 1:
                sb.append("conv(k=").append(k).append(",s=").append(1 + random.nextInt(2)).append(",p=")
                    .append(random.nextInt(k / 2 + 1)).append(",c=").append(8 * (1 + random.nextInt(8)));
                if (random.nextInt(4) == 0) {
                    sb.append(",d=2");
                }
                if (random.nextInt(6) == 0) {
                    sb.append(",g=").append(1 << random.nextInt(3));
                }
                if (random.nextInt(3) == 0) {
                    sb.append(",bias=0");
                }
                sb.append(')');
                break;
            case 2:
                sb.append("dwconv(k=").append(k).append(",p=").append(random.nextBoolean() ? "same" : "1")
                    .append(')');
                break;
            case 3:
                sb.append("sepconv(k=").append(k).append("x").append(1 + random.nextInt(5)).append(",c=")
                    .append(1 + random.nextInt(64)).append(')');
                break;
            case 4:
                sb.append("maxpool(k=").append(k).append(",p=").append(random.nextInt(2)).append(
                    random.nextBoolean() ? ",ceil=1" : "").append(')');
                break;
            case 5:
                sb.append("avgpool(k=").append(k).append(",s=").append(1 + random.nextInt(3)).append(')');
                break;
            case 6:
                sb.append(random.nextBoolean() ? "bn" : "relu");
                break;
            case 7:
                sb.append(random.nextInt(4) == 0 ? "gap" : "relu");
                break;
            default:
                sb.append(random.nextInt(6) == 0 ? "fc(c=" + (1 + random.nextInt(100)) + ")" : "bn");
        }
    }

    static String input(SplittableRandom random, boolean onlyValidSyntax) {
        if (!onlyValidSyntax && random.nextInt(60) == 0) {
            return random.nextBoolean() ? "224x" : "0x8x3";
        }
        int h = 1 + random.nextInt(256);
        if (random.nextInt(4) == 0) {
            return Integer.toString(h);
        }
        return h + "x" + (1 + random.nextInt(256)) + "x" + (1 + random.nextInt(16));
    }
}
