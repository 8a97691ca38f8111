package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.pulse.cli.failure.CliFailure;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a machine or an installation lacks is said in a line, and the process ends: a JVM whose main
 * thread died of an {@link Error} with a stack trace would otherwise keep running on the server's other
 * threads. Real {@code pulse} processes, each missing one real part.
 */
class WhatWillNotLoadTest {

  @TempDir Path dir;

  @Test
  void withoutDuckDbsLibraryTheEmbeddedStoreSaysItIsNotInstalledAndWhatToDo() throws Exception {
    List<String> jvm = PulseRun.pulseCommand();
    // The tests' driver jar holds no library (TestClasspath): without the library path, none is found.
    assumeThat(jvm).as("DuckDB's library taken out of its jar for this platform")
        .anyMatch(option -> option.startsWith("-Djava.library.path="));
    jvm.removeIf(option -> option.startsWith("-Djava.library.path="));

    PulseRun serve = PulseRun.runAs(jvm, Map.of(), "serve", "--port", "0", "--data-dir", dir.resolve("served").toString());
    PulseRun generate = PulseRun.runAs(jvm, Map.of(), "generate", "--installs", "1", "--days", "1", "--quiet",
        "--data-dir", dir.resolve("generated").toString());

    String notInstalled = "DuckDB's library for this machine (" + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + ") is neither in pulse's jar nor installed (on java.library.path, or"
        + " beside the jar): run the jar as it was built, install the library (docs/deploy.md), or keep the data in"
        + " PostgreSQL (--store postgresql://HOST/DB)";
    assertTold(serve, CliFailure.USAGE, "cannot start: " + notInstalled);
    assertThat(dir.resolve("served")).as("a failed first start leaves no data dir").doesNotExist();
    assertTold(generate, CliFailure.FAILURE, notInstalled);
  }

  @Test
  void onAnArchitectureDuckDbHasNoLibraryForTheEmbeddedStoreSaysItCannotRunThereAndWhatToUseInstead()
      throws Exception {
    List<String> jvm = PulseRun.pulseCommand();
    jvm.add(1, "-Dos.arch=riscv64"); // what the driver reads to choose its library

    PulseRun generate = PulseRun.runAs(jvm, Map.of(), "generate", "--installs", "1", "--days", "1", "--quiet",
        "--data-dir", dir.resolve("generated").toString());

    assertTold(generate, CliFailure.FAILURE, "DuckDB, the embedded store, does not run here ("
        + System.getProperty("os.name") + " riscv64): its library did not load (");
    assertThat(generate.output()).contains("Keep the data in PostgreSQL (--store postgresql://HOST/DB), or run on"
        + " Linux (glibc) amd64/arm64, macOS or Windows");
  }

  @Test
  void aTemporaryDirectoryMountedNoexecIsNamedWithTheSettingThatMovesIt() throws Exception {
    try (Tmpfs tmp = Tmpfs.mount(dir.resolve("noexec"), 128, ",noexec")) {
      List<String> jvm = copyingTheLibraryInto(tmp.dir());

      PulseRun generate = PulseRun.runAs(jvm, Map.of(), "generate", "--installs", "1", "--days", "1", "--quiet",
          "--data-dir", dir.resolve("generated").toString());

      assertTold(generate, CliFailure.FAILURE, "DuckDB's library, copied by its driver into the temporary directory "
          + tmp.dir() + ", would not load from there");
      assertThat(generate.output()).contains("mounted noexec?").contains("JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=DIR");
    }
  }

  @Test
  void aTemporaryDirectoryThatDoesNotExistIsNamedAsSuch() throws Exception {
    Path missing = dir.resolve("no-such-tmp");
    List<String> jvm = copyingTheLibraryInto(missing);

    PulseRun generate = PulseRun.runAs(jvm, Map.of(), "generate", "--installs", "1", "--days", "1", "--quiet",
        "--data-dir", dir.resolve("generated").toString());

    assertTold(generate, CliFailure.FAILURE, "DuckDB's driver could not copy its library into the temporary directory "
        + missing + " (it does not exist): give Java another one, JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=DIR");
  }

  @Test
  void aClassThatWillNotLoadEndsTheServerWithOneLineInsteadOfATraceAndAHang() throws Exception {
    List<String> jvm = PulseRun.pulseCommand();
    int classPath = jvm.indexOf("-cp") + 1;
    String withoutPool = Arrays.stream(jvm.get(classPath).split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("HikariCP"))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(withoutPool).isNotEqualTo(jvm.get(classPath));
    jvm = new ArrayList<>(jvm);
    jvm.set(classPath, withoutPool);

    PulseRun serve = PulseRun.runAs(jvm, Map.of(), "serve", "--port", "0",
        "--store", "postgresql://127.0.0.1:" + Mistakes.closedPort() + "/pulse?user=pulse");

    assertTold(serve, CliFailure.FAILURE, "pulse: a part of it could not be loaded: is its jar whole? Install it"
        + " again; --debug shows which");
    assertThat(serve.output()).as("no class name").doesNotContain("hikari");
  }

  /**
   * {@code pulse}'s JVM with DuckDB's driver jar as released, the library inside, which the driver
   * copies into {@code tmpdir} ({@code java.io.tmpdir}) to load it.
   */
  private static List<String> copyingTheLibraryInto(Path tmpdir) {
    List<String> jvm = PulseRun.pulseCommand();
    jvm.removeIf(option -> option.startsWith("-Djava.library.path="));
    jvm.set(jvm.indexOf("-cp") + 1, System.getProperty("java.class.path"));
    jvm.add(1, "-Djava.io.tmpdir=" + tmpdir);
    return jvm;
  }
}
