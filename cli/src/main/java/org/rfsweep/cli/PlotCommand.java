package org.rfsweep.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rfsweep.output.IoReason;
import org.rfsweep.plot.FrontCsv;
import org.rfsweep.plot.FrontPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rfsweep plot FRONT.csv --out front.png}: the Pareto front of a search as a PNG. */
@Command(name = "plot",
    description = {
        "Draws the Pareto front written by 'rfsweep search --pareto FILE' as a PNG: cost against receptive field,"
            + " the front as a step line, the front points that meet the RF target highlighted and the cheapest of"
            + " them marked as chosen. --mark adds the nets of another CSV (like the --top list, written with"
            + " --format csv).",
    },
    footer = {
        "",
        "Example:",
        "  rfsweep search data/spaces/default.json --pareto front.csv --format csv --out top.csv",
        "  rfsweep plot front.csv --mark top.csv --out front.png",
    })
public final class PlotCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FRONT.csv", description = "The front, as written by search --pareto.")
    private Path front;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.png", required = true, description = "The PNG to write.")
    private Path out;

    @Option(names = "--cost", paramLabel = "COLUMN", defaultValue = "macs",
        description = "The cost column (the --minimize of the search). Default: ${DEFAULT-VALUE}.")
    private String cost;

    @Option(names = "--mark", paramLabel = "FILE.csv", description = "Also mark the nets of this CSV (repeatable).")
    private List<Path> marks = new ArrayList<>();

    @Option(names = "--title", paramLabel = "TEXT", description = "Chart title. Default: the front's file name.")
    private String title;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "900x600",
        description = "Image size in pixels. Default: ${DEFAULT-VALUE}.")
    private String size;

    @Override
    public Integer call() {
        int[] wh = size();
        try (OutputTarget target = OutputTarget.file(out, "--out")) {
            List<FrontCsv.Point> points;
            List<FrontCsv.Point> marked = new ArrayList<>();
            try {
                points = FrontCsv.read(front, cost);
                for (Path m : marks) {
                    marked.addAll(FrontCsv.read(m, cost));
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            FrontPlot.write(points, marked, cost, title != null ? title : "Pareto front: " + front.getFileName(),
                wh[0], wh[1], target.stream());
            target.commit();
            spec.commandLine().getErr().print("rfsweep: plotted " + points.size() + " front points"
                + (marked.isEmpty() ? "" : " and " + marked.size() + " marked nets") + " to " + out + "\n");
        } catch (OutputFailure e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("writing " + out + ": " + IoReason.of(e));
        }
        spec.commandLine().getErr().flush();
        return 0;
    }

    private int[] size() {
        int x = size.indexOf('x');
        try {
            int w = Integer.parseInt(size.substring(0, x));
            int h = Integer.parseInt(size.substring(x + 1));
            if (w >= 100 && h >= 100 && w <= 10000 && h <= 10000) {
                return new int[] {w, h};
            }
        } catch (RuntimeException e) {
            // fall through to the message
        }
        throw new UserError("--size=" + size + ": expected WxH in pixels, each 100..10000 (like 900x600)");
    }
}
