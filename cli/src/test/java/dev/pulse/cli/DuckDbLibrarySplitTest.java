package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.cli.packaging.DuckDbLibrarySplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image's build step that takes DuckDB's library out of pulse.jar. That the split jar
 * runs {@code pulse} with the library from {@code java.library.path} is what every CLI test's process
 * does ({@link TestClasspath}), and the container test builds the image with this step.
 */
class DuckDbLibrarySplitTest {

  private static final String AMD64 = DuckDbLibrarySplit.ENTRY_PREFIX + "linux_amd64";

  @TempDir Path dir;

  @Test
  void theJarKeepsEveryOtherEntryInOrderAndTheLibraryIsWrittenWhole() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("META-INF/MANIFEST.MF", "Main-Class: dev.pulse.cli.PulseCommand\n");
    entries.put(DuckDbLibrarySplit.ENTRY_PREFIX + "osx_universal", "mac library");
    entries.put("org/duckdb/DuckDBNative.class", "classes");
    entries.put(AMD64, "linux library");
    entries.put("dev/pulse/cli/PulseCommand.class", "more classes");
    Path jar = jar(entries);

    boolean found = DuckDbLibrarySplit.split(jar, AMD64, dir.resolve("out.jar"), dir.resolve("lib.so"));

    assertThat(found).isTrue();
    assertThat(read(dir.resolve("out.jar"))).containsExactly(
        Map.entry("META-INF/MANIFEST.MF", "Main-Class: dev.pulse.cli.PulseCommand\n"),
        Map.entry("org/duckdb/DuckDBNative.class", "classes"),
        Map.entry("dev/pulse/cli/PulseCommand.class", "more classes"));
    assertThat(dir.resolve("lib.so")).hasContent("linux library");
  }

  @Test
  void aJarWithoutThisPlatformsLibraryIsSaidAndNeitherFileIsWritten() throws IOException {
    Path jar = jar(Map.of(DuckDbLibrarySplit.ENTRY_PREFIX + "windows_amd64", "windows library", "a.class", "x"));

    assertThat(DuckDbLibrarySplit.split(jar, AMD64, dir.resolve("out.jar"), dir.resolve("lib.so"))).isFalse();
    assertThat(dir.resolve("lib.so")).doesNotExist();
    assertThat(dir.resolve("out.jar")).as("no jar without the library, taken for a whole one").doesNotExist();
  }

  @Test
  void aSplitThatFailsMidwayLeavesNeitherTheJarNorTheLibrary() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(AMD64, "linux library");
    entries.put("broken.class", "classes whose compressed data is damaged below");
    Path jar = jar(entries);
    damageDataOf(jar, "broken.class");

    assertThatThrownBy(() -> DuckDbLibrarySplit.split(jar, AMD64, dir.resolve("out.jar"), dir.resolve("lib.so")))
        .isInstanceOf(IOException.class);
    assertThat(dir.resolve("lib.so")).as("the library, written before the damaged entry").doesNotExist();
    assertThat(dir.resolve("lib.so.part")).doesNotExist();
    assertThat(dir.resolve("out.jar")).doesNotExist();
  }

  @Test
  void theImageBuildStepExitsNonZeroWithAReasonWhenTheJarLacksTheLibrary() throws Exception {
    String output = splitExitingOne(jar(Map.of("a.class", "x")));

    assertThat(output).contains("holds no " + DuckDbLibrarySplit.ENTRY_PREFIX).contains("-Dduckdb.platform=");
    assertThat(dir.resolve("lib").resolve(DuckDbLibrarySplit.LIBRARY_FILE)).doesNotExist();
    assertThat(dir.resolve("out.jar")).doesNotExist();
  }

  @Test
  void theImageBuildStepSaysAJarThatIsNotThereDoesNotExist() throws Exception {
    Path missing = dir.resolve("missing.jar");

    assertThat(splitExitingOne(missing)).contains("splitting DuckDB's library out of " + missing + " failed: "
        + missing + ": it or its directory does not exist");
  }

  /** The build step run as the image runs it, on {@code jar}; what it printed, once it exited 1. */
  private String splitExitingOne(Path jar) throws Exception {
    List<String> command = new ArrayList<>(PulseRun.javaCommand());
    command.addAll(List.of(DuckDbLibrarySplit.class.getName(), jar.toString(), dir.resolve("out.jar").toString(),
        dir.resolve("lib").toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(1);
    assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
    return output;
  }

  private Path jar(Map<String, String> entries) throws IOException {
    Path jar = Files.createTempFile(dir, "in", ".jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** Makes the deflated data of {@code name}, in the jar {@link #jar} wrote, start with an invalid block type. */
  private static void damageDataOf(Path jar, String name) throws IOException {
    byte[] bytes = Files.readAllBytes(jar);
    byte[] header = ("PK\u0003\u0004").getBytes(StandardCharsets.ISO_8859_1);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at + 30 + wanted.length <= bytes.length; at++) {
      if (Arrays.equals(bytes, at, at + 4, header, 0, 4)
          && Arrays.equals(bytes, at + 30, at + 30 + wanted.length, wanted, 0, wanted.length)) {
        int extra = (bytes[at + 28] & 0xff) | (bytes[at + 29] & 0xff) << 8;
        bytes[at + 30 + wanted.length + extra] = (byte) 0xff; // final block, type 3: reserved, an error
        Files.write(jar, bytes);
        return;
      }
    }
    throw new AssertionError("no local header for " + name + " in " + jar);
  }

  private static Map<String, String> read(Path jar) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        entries.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }
}
