package org.rfsweep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's model-zoo section shows the engine's own numbers for the bundled nets. */
class ZooTableTest {
    private static final Path README = Path.of("..", "README.md");
    private static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen");

    @Test
    void shouldShowTheZooTableAsTheEngineComputesIt() throws IOException {
        List<String> expected = ZooTable.lines();
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int at = lines.indexOf(expected.get(0));
        assertTrue(at >= 0, "README has no zoo table header '" + expected.get(0) + "'");
        assertEquals(expected, lines.subList(at, Math.min(lines.size(), at + expected.size())));
        assertTrue(at + expected.size() == lines.size() || !lines.get(at + expected.size()).startsWith("|"),
            "the README's zoo table has more rows than data/nets has nets");
    }

    @Test
    void shouldCountTheBundledNetsAsTheReadmeDoes() throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        Matcher m = Pattern.compile("`data/nets/` holds (\\w+) torchvision").matcher(text);
        assertTrue(m.find(), "README: no '`data/nets/` holds N torchvision'");
        assertEquals(ZooNet.names().size(), NUMBERS.indexOf(m.group(1)), m.group());
    }
}
