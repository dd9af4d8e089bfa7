package org.rfsweep.cli.interop;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rfsweep.cli.OutputOption;
import org.rfsweep.cli.OutputTarget;
import org.rfsweep.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rfsweep import MODEL.onnx [--out NET.arch]}: an ONNX model as an architecture file. */
@Command(name = "import",
    description = {
        "Reads an ONNX model and writes it as an rfsweep architecture file: a header, '# input: HxWxC' from the"
            + " graph's input, then one layer or branch block per line with a comment naming the ONNX node behind it.",
        "",
        "Shapes are inferred by rfsweep (the batch may be symbolic); params come from the weights' shapes, so a"
            + " model exported without its parameters (export_params=False) imports the same. A graph the"
            + " architecture grammar cannot express gives one line naming the node, its op and why.",
    },
    footer = {
        "",
        "Examples:",
        "  rfsweep import resnet18.onnx --out resnet18.arch",
        "  rfsweep analyze resnet18.onnx          # analyze and eval read ONNX files directly",
    })
public final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model.")
    private String model;

    @Mixin
    private OutputOption output;

    @Override
    public Integer call() {
        String text = OnnxFiles.read(model).archFile();
        try (OutputTarget target = output.open()) {
            target.writer().write(text);
            target.writer().flush();
            target.commit();
        } catch (IOException e) {
            throw new UserError("could not write the architecture file: " + e.getMessage());
        }
        return 0;
    }
}
