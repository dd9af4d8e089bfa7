package org.rfsweep.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rfsweep.core.arch.InputShape;

/**
 * The {@code --input} value of {@code analyze} and {@code eval}: one shape, or several as a
 * comma-separated list whose items are shapes or square ranges.
 *
 * <pre>
 *   224x224x3            one input
 *   224,256x320          224x224xC and 256x320xC
 *   32:512:32            32x32xC, 64x64xC, ..., 512x512xC   (start:end:step, end included; step 1 if left out)
 *   32:512:32x1          the same with one channel
 * </pre>
 *
 * {@code C} is the channel count given by a list item ({@code HxWxC}, or {@code A:B:SxC}),
 * else the default (the architecture file's {@code # input:} channels, or 3).
 */
public final class InputList {
    /** Most inputs one option may name. */
    public static final int MAX_INPUTS = 1 << 16;

    private InputList() {
    }

    /** True when {@code text} names several inputs (it has a comma or a range). */
    public static boolean isList(String text) {
        return text.indexOf(',') >= 0 || text.indexOf(':') >= 0;
    }

    /**
     * Parses {@code text}; a bad item is a {@link UserError} that names the option, the item and the rule.
     */
    public static List<InputShape> parse(String text, int defaultChannels) {
        List<InputShape> out = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.trim();
            if (item.indexOf(':') >= 0) {
                range(item, defaultChannels, out);
            } else {
                out.add(shape(item, defaultChannels));
            }
            if (out.size() > MAX_INPUTS) {
                throw new UserError("--input " + text + ": more than " + MAX_INPUTS + " inputs");
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static InputShape shape(String item, int channels) {
        String[] parts = item.split("x", -1);
        String full = parts.length == 2 ? item + "x" + channels : parts.length == 1 ? item + "x" + item + "x" + channels
            : item;
        try {
            return InputShape.parse(full);
        } catch (IllegalArgumentException e) {
            throw new UserError("--input " + item + ": expected N, HxW or HxWxC (like 224, 256x320, 224x224x3)"
                + ", or a range A:B:S (like 32:512:32)" + detail(e.getMessage(), full));
        }
    }

    private static String detail(String message, String full) {
        int at = message.indexOf("': ");
        String rule = at > 0 ? message.substring(at + 3) : "";
        return message.startsWith("input '" + full) && !rule.startsWith("expected") ? "; " + rule : "";
    }

    private static void range(String item, int defaultChannels, List<InputShape> out) {
        String body = item;
        int channels = defaultChannels;
        int x = item.indexOf('x');
        if (x >= 0) {
            body = item.substring(0, x);
            channels = (int) number(item, item.substring(x + 1));
        }
        String[] parts = body.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new UserError("--input " + item + ": a range is start:end or start:end:step, like 32:512:32");
        }
        long start = number(item, parts[0]);
        long end = number(item, parts[1]);
        long step = parts.length == 3 ? number(item, parts[2]) : 1;
        if (start > end) {
            throw new UserError("--input " + item + ": the range is empty (start " + start + " > end " + end + ")");
        }
        if ((end - start) / step + 1 > MAX_INPUTS) {
            throw new UserError("--input " + item + ": more than " + MAX_INPUTS + " inputs");
        }
        for (long n = start; n <= end; n += step) {
            out.add(shape(n + "x" + n + "x" + channels, channels));
        }
    }

    private static long number(String item, String digits) {
        if (!digits.matches("[0-9]{1,9}") || Long.parseLong(digits) < 1) {
            throw new UserError("--input " + item + ": '" + digits + "' is not a positive whole number");
        }
        return Long.parseLong(digits);
    }
}
