package org.rfsweep.bench.naive;

/** The running and final result of {@link NaiveNetwork#evaluate}: one object per stack. Mutable. */
public final class NaiveResult {
    public int h;
    public int w;
    public int c;
    public long rfH = 1;
    public long rfW = 1;
    public long jumpH = 1;
    public long jumpW = 1;
    public long padH;
    public long padW;
    public long params;
    public long macs;
    public boolean valid = true;

    public NaiveResult(int h, int w, int c) {
        this.h = h;
        this.w = w;
        this.c = c;
    }
}
