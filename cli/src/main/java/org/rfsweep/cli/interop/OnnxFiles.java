package org.rfsweep.cli.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.rfsweep.cli.UserError;
import org.rfsweep.interop.onnx.ImportedNetwork;
import org.rfsweep.interop.onnx.OnnxImportException;
import org.rfsweep.interop.onnx.OnnxImporter;

/** Reads ONNX files for the commands; every failure is a one-line {@link UserError} naming the file. */
public final class OnnxFiles {
    private OnnxFiles() {
    }

    /** True when {@code arg} names a file ending in {@code .onnx}. */
    public static boolean isOnnx(String arg) {
        return OnnxImporter.isOnnx(arg);
    }

    /**
     * The input of {@code rfsweep eval} for an ONNX file: a CSV with the header {@code arch,input}
     * and one row, the imported network and its graph's input shape.
     */
    public static InputStream evalCsv(String arg) {
        ImportedNetwork net = read(arg);
        String csv = "arch,input\n\"" + net.network() + "\"," + net.input() + "\n";
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Imports the ONNX file {@code arg}. */
    public static ImportedNetwork read(String arg) {
        Path path = Path.of(arg);
        if (Files.isDirectory(path)) {
            throw new UserError(arg + ": is a directory, not an ONNX file");
        }
        try {
            return OnnxImporter.read(path);
        } catch (NoSuchFileException e) {
            throw new UserError(arg + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserError(arg + ": permission denied");
        } catch (IOException e) {
            throw new UserError(arg + ": " + e.getMessage());
        } catch (OnnxImportException e) {
            throw new UserError(e.getMessage());
        }
    }
}
