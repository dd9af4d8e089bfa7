package org.rfsweep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.rfsweep.core.lanes.Lanes;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the Maven version stamped into the jar, the Java runtime, and the batch
 * evaluation path it takes ({@link Lanes#describe()}).
 */
public final class VersionProvider implements IVersionProvider {
    private static final String POM = "/META-INF/maven/org.rfsweep/rfsweep-search/pom.properties";

    @Override
    public String[] getVersion() {
        String java = "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
        return new String[] {"rfsweep " + version(), java, "evaluation path: " + Lanes.describe()};
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "(unknown version)");
            }
        } catch (IOException e) {
            return "(unknown version)";
        }
        return "(development build)";
    }
}
