package org.rfsweep.sweep;

import java.io.IOException;

/**
 * Where a sweep's finished chunks go, strictly in index order, from one thread: the header
 * first (when asked), then each chunk's rows as ASCII bytes.
 */
public interface ChunkSink {
    /** Appends {@code bytes[0..length)}. */
    void write(byte[] bytes, int length) throws IOException;
}
