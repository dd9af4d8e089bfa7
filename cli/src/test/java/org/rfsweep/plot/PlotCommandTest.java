package org.rfsweep.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.cli.Cli;

/** {@code rfsweep plot} end to end, in-process and headless. */
class PlotCommandTest {
    private static final String FRONT = """
        rank,index,arch,input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,\
        params,macs,unproductive,meets_rf
        1,5,"conv(k=3,c=8)",32x32x3,30,30,8,3,3,3,3,1,1,0,0,224,194400,0,0
        2,9,"conv(k=5,c=8)",32x32x3,28,28,8,5,5,5,5,1,1,0,0,608,470400,0,0
        3,12,"conv(k=5,c=8) conv(k=5,c=8)",32x32x3,24,24,8,9,9,9,9,1,1,0,0,2216,1390464,0,1
        """;

    @TempDir
    Path dir;

    private Path front() throws IOException {
        Path p = dir.resolve("front.csv");
        Files.writeString(p, FRONT);
        return p;
    }

    @Test
    void shouldWriteAPngOfTheFront() throws IOException {
        Path png = dir.resolve("front.png");
        Cli.Result r = Cli.run("plot", front().toString(), "--out", png.toString(), "--mark", front().toString());
        assertEquals(new Cli.Result(0, "", "rfsweep: plotted 3 front points and 3 marked nets to " + png + "\n"), r);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
    }

    @Test
    void shouldTakeTheSizeAndTheCostColumn() throws IOException {
        Path png = dir.resolve("params.png");
        Cli.Result r = Cli.run("plot", front().toString(), "--out", png.toString(), "--cost", "params", "--size",
            "400x300");
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
    }

    @Test
    void shouldNameAMissingColumnOrFile() throws IOException {
        Path f = front();
        assertEquals(new Cli.Result(2, "", "rfsweep: " + f + ": missing column flops (expected a CSV of rfsweep"
            + " search or sweep; the cost column is chosen with --cost)\n"), Cli.run("plot", f.toString(), "--out",
            dir.resolve("x.png").toString(), "--cost", "flops"));
        assertEquals(new Cli.Result(2, "", "rfsweep: " + dir.resolve("none.csv") + ": no such file\n"),
            Cli.run("plot", dir.resolve("none.csv").toString(), "--out", dir.resolve("x.png").toString()));
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "rf_h,rf_w,macs\n3,3,many\n");
        assertEquals(new Cli.Result(2, "", "rfsweep: " + bad + ": line 2: macs 'many' is not a whole number\n"),
            Cli.run("plot", bad.toString(), "--out", dir.resolve("x.png").toString()));
        assertEquals(new Cli.Result(2, "", "rfsweep: --size=9x9: expected WxH in pixels, each 100..10000 (like"
            + " 900x600)\n"), Cli.run("plot", f.toString(), "--out", dir.resolve("x.png").toString(), "--size", "9x9"));
    }
}
