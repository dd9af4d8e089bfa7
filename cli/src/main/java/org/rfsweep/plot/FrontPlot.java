package org.rfsweep.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a Pareto front as a PNG with XChart, headless: cost (y) against receptive field (x), the
 * front as a step line (every point on it is the cheapest net with at least its RF), the front
 * points that meet the RF target highlighted, the cheapest of them marked as chosen, and
 * optional extra nets (the top-k list) as a separate series. The x value of a net is
 * {@code min(rf_h, rf_w)}, the side of the square it covers, and equals the RF on square spaces.
 * The y axis is logarithmic when every cost is positive and they span two decades or more.
 * Stateless.
 */
public final class FrontPlot {
    private FrontPlot() {
    }

    /**
     * Writes the chart of {@code front} (and {@code marks}, may be empty) as PNG to {@code out}.
     *
     * @param cost the name of the cost column, for the axis title
     */
    public static void write(List<FrontCsv.Point> front, List<FrontCsv.Point> marks, String cost, String title,
                             int width, int height, OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<FrontCsv.Point> sorted = new ArrayList<>(front);
        sorted.sort(Comparator.comparingLong(FrontPlot::x).thenComparingLong(FrontCsv.Point::cost));
        boolean square = true;
        long min = Long.MAX_VALUE;
        long max = 0;
        List<FrontCsv.Point> all = new ArrayList<>(sorted);
        all.addAll(marks);
        for (FrontCsv.Point p : all) {
            square &= p.rfH() == p.rfW();
            min = Math.min(min, p.cost());
            max = Math.max(max, p.cost());
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
            .xAxisTitle(square ? "receptive field" : "receptive field, min(rf_h, rf_w)").yAxisTitle(cost).build();
        Styler s = chart.getStyler();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xE0E0E0));
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setYAxisLogarithmic(min > 0 && max >= 100 * min);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        if (!sorted.isEmpty()) {
            XYSeries line = chart.addSeries("Pareto front (" + sorted.size() + " nets)", xs(sorted), ys(sorted));
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(new Color(0x1F77B4));
            line.setLineColor(new Color(0x1F77B4));
            line.setLineStyle(new BasicStroke(1.5f));
        }
        List<FrontCsv.Point> meeting = new ArrayList<>();
        for (FrontCsv.Point p : sorted) {
            if (p.meetsRf()) {
                meeting.add(p);
            }
        }
        if (!meeting.isEmpty() && meeting.size() < sorted.size()) {
            scatter(chart, "meets the RF target", meeting, SeriesMarkers.DIAMOND, new Color(0x2CA02C));
        }
        if (!meeting.isEmpty()) {
            FrontCsv.Point best = meeting.get(0);
            for (FrontCsv.Point p : meeting) {
                if (p.cost() < best.cost()) {
                    best = p;
                }
            }
            scatter(chart, "chosen: cheapest meeting the target", List.of(best), SeriesMarkers.SQUARE,
                new Color(0xD62728));
        }
        if (!marks.isEmpty()) {
            scatter(chart, "marked (" + marks.size() + " nets)", marks, SeriesMarkers.CROSS, new Color(0xFF7F0E));
        }
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }

    private static void scatter(XYChart chart, String name, List<FrontCsv.Point> points,
                                Marker marker, Color color) {
        XYSeries s = chart.addSeries(name, xs(points), ys(points));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    private static long x(FrontCsv.Point p) {
        return Math.min(p.rfH(), p.rfW());
    }

    private static double[] xs(List<FrontCsv.Point> points) {
        double[] v = new double[points.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = x(points.get(i));
        }
        return v;
    }

    private static double[] ys(List<FrontCsv.Point> points) {
        double[] v = new double[points.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = points.get(i).cost();
        }
        return v;
    }
}
