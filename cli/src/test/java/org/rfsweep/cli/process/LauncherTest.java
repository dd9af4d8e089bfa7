package org.rfsweep.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./rfsweep} launcher, run on a copy of the project's layout with fake JDKs and a
 * fake Maven: it picks the newest JDK 17+, falls back to {@code ./mvnw}, and serialises
 * rebuilds so that concurrent launches all run a complete jar after one build.
 */
class LauncherTest {
    @TempDir
    Path root;
    Path jvms;
    Path bin;

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A fake JDK of {@code version} whose java prints its name and the jar and arguments it got. */
    private Path jdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        script(home.resolve("bin/java"), "echo \"" + name + " $*\"\n");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @BeforeEach
    void copyTheLayout() throws IOException {
        Files.copy(Path.of("..", "rfsweep"), root.resolve("rfsweep"));
        Files.setPosixFilePermissions(root.resolve("rfsweep"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String dir : List.of("core/src/main", "search/src/main", "cli/src/main")) {
            Files.createDirectories(root.resolve(dir));
        }
        for (String pom : List.of("pom.xml", "core/pom.xml", "search/pom.xml", "cli/pom.xml")) {
            Files.writeString(root.resolve(pom), "<project/>");
        }
        jvms = Files.createDirectories(root.resolve("jvms"));
        bin = Files.createDirectories(root.resolve("bin"));
        for (String tool : List.of("sh", "sed", "head", "find", "mkdir", "mktemp", "cat", "rm", "cp", "mv", "dirname",
            "flock", "sleep", "rmdir", "date")) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.exists(real)) {
                real = Path.of("/bin", tool);
            }
            if (Files.exists(real)) {
                script(bin.resolve(tool), "exec " + real + " \"$@\"\n");
            }
        }
    }

    /** A Maven that takes a second, counts its runs and writes a jar. */
    private void maven(Path where) throws IOException {
        script(where, "echo run >> \"" + root.resolve("builds") + "\"\nsleep 1\nmkdir -p cli/target\n"
            + "echo jar > cli/target/rfsweep.jar\n");
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("rfsweep").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("RFSWEEP_JVM_DIR", jvms.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        return out;
    }

    @Test
    void shouldRunTheNewestJdkOf17OrLater() throws Exception {
        maven(bin.resolve("mvn"));
        jdk("jdk-11", "11.0.2");
        jdk("jdk-17", "17.0.9");
        jdk("jdk-21", "21.0.1");
        jdk("jdk-8", "1.8.0_392");
        String out = finish(start(Map.of(), "--version"));
        assertEquals("jdk-21 -jar " + root.resolve("cli/target/launcher/rfsweep.jar") + " --version\n", out);
    }

    @Test
    void shouldPreferJavaHomeWhenItIs17OrLater() throws Exception {
        maven(bin.resolve("mvn"));
        Path home17 = jdk("jdk-17", "17.0.9");
        jdk("jdk-21", "21.0.1");
        Path home11 = jdk("jdk-11", "11.0.2");
        assertTrue(finish(start(Map.of("JAVA_HOME", home17.toString()), "x")).startsWith("jdk-17 "));
        assertTrue(finish(start(Map.of("JAVA_HOME", home11.toString()), "x")).startsWith("jdk-21 "));
    }

    @Test
    void shouldBuildWithTheMavenWrapperWhenMvnIsMissing() throws Exception {
        maven(root.resolve("mvnw"));
        jdk("jdk-17", "17.0.9");
        assertTrue(finish(start(Map.of(), "x")).startsWith("jdk-17 "));
        assertEquals("run\n", Files.readString(root.resolve("builds")));
    }

    @Test
    void shouldBuildOnceWhenLaunchedTwiceDuringABuild() throws Exception {
        maven(bin.resolve("mvn"));
        jdk("jdk-17", "17.0.9");
        Process first = start(Map.of(), "a");
        Process second = start(Map.of(), "b");
        assertTrue(finish(first).startsWith("jdk-17 "));
        assertTrue(finish(second).startsWith("jdk-17 "));
        assertEquals("run\n", Files.readString(root.resolve("builds")), "the second launch waited and reused the jar");
        assertEquals("jar\n", Files.readString(root.resolve("cli/target/launcher/rfsweep.jar")));
    }
}
