package org.rfsweep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the Maven version stamped into the jar, and the Java runtime. */
public final class VersionProvider implements IVersionProvider {
    private static final String POM = "/META-INF/maven/org.rfsweep/rfsweep-search/pom.properties";

    @Override
    public String[] getVersion() {
        String java = "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
        return new String[] {"rfsweep " + version(), java};
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
