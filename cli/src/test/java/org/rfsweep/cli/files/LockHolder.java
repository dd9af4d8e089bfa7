package org.rfsweep.cli.files;

import java.io.IOException;
import java.nio.file.Path;
import org.rfsweep.output.OutputLock;
import org.rfsweep.output.OutputPath;

/** A second process for the lock test: locks the output named by its argument until its standard input ends. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws IOException {
        OutputLock lock = OutputLock.acquire(OutputPath.resolve(Path.of(args[0])).real());
        try {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold the lock until the test closes our standard input.
            }
        } finally {
            lock.close();
        }
    }
}
