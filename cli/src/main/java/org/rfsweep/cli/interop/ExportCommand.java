package org.rfsweep.cli.interop;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rfsweep.cli.ArchSource;
import org.rfsweep.cli.OutputOption;
import org.rfsweep.cli.OutputTarget;
import org.rfsweep.cli.UserError;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.interop.pytorch.PyTorchExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rfsweep export ARCH [--pytorch] [--out net.py]}: a network as PyTorch code. */
@Command(name = "export",
    description = {
        "Writes a network as a self-contained PyTorch module (torch only): an nn.Module with one attribute per"
            + " layer, in order, and a forward() that spells out every branch. The file records rfsweep's params,"
            + " MACs and output shape for the input (Net.RFSWEEP), and running it prints torch's output shape.",
        "",
        "ARCH is an architecture string, a file holding one, or an ONNX model. The input (needed for fc's input"
            + " features and for SAME padding) comes from --input or the file's '# input:' line.",
    },
    footer = {
        "",
        "Examples:",
        "  rfsweep export data/nets/resnet18.arch --pytorch --out resnet18.py",
        "  rfsweep export \"conv(k=3,s=2,p=1,c=16) bn relu gap fc(c=10)\" --input 32x32x3",
    })
public final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ARCH", description = "Architecture string, a file holding one, or a .onnx.")
    private String arch;

    @Option(names = "--pytorch", description = "Write PyTorch code (the default and, for now, the only format).")
    private boolean pytorch;

    @Option(names = "--input", paramLabel = "HxWxC",
        description = "Input shape, like 224x224x3. Default: the file's '# input:' line.")
    private String input;

    @Option(names = "--class", paramLabel = "NAME", defaultValue = "Net",
        description = "The module's class name. Default: ${DEFAULT-VALUE}.")
    private String className;

    @Mixin
    private OutputOption output;

    @Override
    public Integer call() {
        if (!className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UserError("--class " + className + ": not a Python identifier");
        }
        ArchSource source = ArchSource.of(arch);
        Network net = source.parse();
        InputShape shape = source.input(input);
        String code;
        try {
            code = PyTorchExporter.export(net, shape, className);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try (OutputTarget target = output.open()) {
            target.writer().write(code);
            target.writer().flush();
            target.commit();
        } catch (IOException e) {
            throw new UserError("could not write the PyTorch module: " + e.getMessage());
        }
        return 0;
    }
}
