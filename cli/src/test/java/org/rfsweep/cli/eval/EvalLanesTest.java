package org.rfsweep.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.cli.Cli;
import org.rfsweep.cli.UserError;
import org.rfsweep.core.lanes.Lanes;

/**
 * {@code eval} on the SIMD lanes ({@code -Drfsweep.eval.lanes=true}), on the scalar evaluator
 * ({@code false}) and by its default ({@code auto}, {@link EvalPath}): the same bytes on a file
 * whose rows hold every error kind (syntax, input, output too small, pool padding, groups, a
 * bound, not aligned, shape mismatch, a dwconv's channels), errors before and after a global head,
 * branches, ceil mode and random plain stacks; and the summary line names the path that ran. On a
 * JVM without the lanes (Java 17) every run is scalar; {@code mvn verify} also runs this test on
 * Temurin 25, where the lanes run.
 */
class EvalLanesTest {
    /** One row per kind of result; each {@code arch,input}. */
    private static final List<String> KINDS = List.of(
        "\"conv(k=3\",32",
        "relu,0x0",
        "\"conv(k=7,c=8) conv(k=7,c=8)\",4",
        "\"conv(k=3,c=8) maxpool(k=2,p=2)\",32",
        "\"conv(k=3,c=10,g=4)\",32x32x8",
        "\"conv(k=3,p=1,c=16777216) conv(k=3,p=1,c=16777216)\",1048576x1048576x3",
        "\"conv(k=4096,s=4096,p=2048,c=8) conv(k=4096,s=4096,p=2048,c=8) conv(k=4096,s=4096,p=2048,c=8)\",1048576",
        "\"add(conv(k=3,p=0:2,c=1) | conv(k=3,p=1,c=1))\",8x8x1",
        "\"add(conv(k=3,c=8) | conv(k=5,c=8))\",32",
        "\"conv(k=3,c=8) dwconv(k=3,c=16)\",32",
        "\"conv(k=3,p=1,c=16) bn relu gap fc(c=10)\",32",
        "\"conv(k=3,p=1,c=16) bn relu res(conv(k=3,p=1,c=16) bn) relu gap fc(c=10)\",32",
        "\"conv(k=3,p=1,c=16) gap fc(c=10) conv(k=3,c=4)\",32",
        "\"conv(k=3,c=8) maxpool(k=3,s=2,ceil=1) conv(k=3,c=8)\",33",
        "\"sepconv(k=3,p=1,c=32) avgpool(k=2,s=2) conv(k=1,c=64,bias=0) relu6 dropout\",64x48x3",
        "\"gap fc(c=10)\",32");

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheSameBytesOnTheLanesTheScalarPathAndByDefault() throws IOException {
        StringBuilder csv = new StringBuilder("arch,input\n");
        SplittableRandom random = new SplittableRandom(20261130L);
        for (int i = 0; i < 3000; i++) {
            csv.append(i % 5 == 0 ? KINDS.get(random.nextInt(KINDS.size())) : plainRow(random)).append('\n');
        }
        for (String row : KINDS) {
            csv.append(row).append('\n');
        }
        Path in = dir.resolve("in.csv");
        Files.writeString(in, csv, StandardCharsets.UTF_8);

        String off = Lanes.vectorised() ? "scalar (-Drfsweep.eval.lanes=false)" : Lanes.describe();
        String scalar = eval(in, "false", off);
        String lanes = eval(in, "true", Lanes.describe());
        String auto = eval(in, "auto", Lanes.vectorised()
            ? "scalar (3,016 rows, below the lanes' break-even of 8,000,000)" : Lanes.describe());
        assertEquals(scalar, lanes);
        assertEquals(scalar, auto);
        for (String error : List.of("output too small", "padding", "groups", "bound", "not aligned", "channels")) {
            assertTrue(scalar.contains(error), error);
        }
    }

    @Test
    void shouldTakeTheLanesWhenAFileIsExpectedToReachTheBreakEven() {
        EvalPath path = EvalPath.of("auto", true, 1000);
        // 100 rows in the first tenth of the file: about 1,000 rows in all
        assertTrue(path.lanes(100, 1_000, 10_000));
        assertTrue(path.lanes(100, 2_000, 10_000));
        assertEquals(Lanes.describe(), path.describe());

        EvalPath small = EvalPath.of("auto", true, 1000);
        assertFalse(small.lanes(100, 1_000, 5_000));
        assertFalse(small.lanes(100, 2_000, 5_000));
        assertEquals("scalar (200 rows, below the lanes' break-even of 1,000)", small.describe());
    }

    @Test
    void shouldTakeTheLanesOnStandardInputOnceTheRowsReachTheBreakEven() {
        EvalPath path = EvalPath.of("auto", true, 250);
        assertFalse(path.lanes(100, 1_000, -1));
        assertFalse(path.lanes(100, 2_000, -1));
        assertTrue(path.lanes(100, 3_000, -1));
        assertTrue(path.lanes(1, 3_010, -1));
        assertEquals("scalar, then " + Lanes.describe() + " from row 201", path.describe());
    }

    @Test
    void shouldKeepTheScalarPathWhereTheLanesDoNotRunOrAreTurnedOff() {
        EvalPath off = EvalPath.of("false", true, 1);
        assertFalse(off.lanes(100, 1_000, 1_000));
        assertEquals("scalar (-Drfsweep.eval.lanes=false)", off.describe());
        EvalPath none = EvalPath.of("true", false, 1);
        assertFalse(none.lanes(100, 1_000, 1_000));
        assertEquals(Lanes.describe(), none.describe());
        EvalPath on = EvalPath.of("true", true, Long.MAX_VALUE);
        assertTrue(on.lanes(1, 10, 1_000_000));
        assertEquals(Lanes.describe(), on.describe());
    }

    @Test
    void shouldRejectAnOverrideThatIsNotAutoTrueOrFalse() {
        System.setProperty(EvalPath.PROPERTY, "yes");
        try {
            UserError e = assertThrows(UserError.class, EvalPath::fromSystem);
            assertEquals("-Drfsweep.eval.lanes=yes must be auto, true or false", e.getMessage());
        } finally {
            System.clearProperty(EvalPath.PROPERTY);
        }
    }

    /** The output of {@code eval in} with {@value EvalPath#PROPERTY}={@code mode}, whose summary names {@code path}. */
    private String eval(Path in, String mode, String path) throws IOException {
        Path out = dir.resolve("out-" + mode + ".csv");
        System.setProperty(EvalPath.PROPERTY, mode);
        Cli.Result r;
        try {
            r = Cli.run("eval", in.toString(), "--out", out.toString(), "--threads", "2", "--chunk-rows", "700");
        } finally {
            System.clearProperty(EvalPath.PROPERTY);
        }
        assertEquals(0, r.code(), r.err());
        assertEquals("rfsweep: " + in + ": 3,016 rows; evaluation: " + path + "\n", r.err());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A row of plain layers, mostly long enough to fill the lanes. */
    private static String plainRow(SplittableRandom random) {
        StringBuilder arch = new StringBuilder("\"");
        int layers = 4 + random.nextInt(14);
        for (int l = 0; l < layers; l++) {
            int k = 1 + 2 * random.nextInt(3);
            arch.append(l == 0 ? "" : " ").append(switch (random.nextInt(6)) {
                case 0 -> "conv(k=" + k + ",p=" + k / 2 + ",c=" + (8 << random.nextInt(4)) + ")";
                case 1 -> "conv(k=3,s=2,p=1,c=" + (16 << random.nextInt(3)) + ",bias=0)";
                case 2 -> "dwconv(k=" + k + ",p=" + k / 2 + ")";
                case 3 -> "bn relu";
                case 4 -> "maxpool(k=2,s=2)";
                default -> "sepconv(k=3,p=1,c=" + (8 << random.nextInt(4)) + ")";
            });
        }
        return arch.append("\",").append(32 + random.nextInt(200)).toString();
    }
}
