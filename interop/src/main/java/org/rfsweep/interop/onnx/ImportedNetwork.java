package org.rfsweep.interop.onnx;

import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;

/**
 * An imported ONNX model: the network, the input shape of its graph, and the {@code .arch} file
 * text (a header, {@code # input: HxWxC}, then one top-level layer or block per line with a comment
 * naming the ONNX node behind it).
 */
public final class ImportedNetwork {
    private final Network network;
    private final InputShape input;
    private final String archFile;
    private final String arch;

    ImportedNetwork(Network network, InputShape input, String archFile, String arch) {
        this.network = network;
        this.input = input;
        this.archFile = archFile;
        this.arch = arch;
    }

    public Network network() {
        return network;
    }

    public InputShape input() {
        return input;
    }

    /** The contents of an {@code .arch} file for the network. */
    public String archFile() {
        return archFile;
    }

    /** The architecture string on one line, as the importer wrote it (not canonical). */
    public String arch() {
        return arch;
    }
}
