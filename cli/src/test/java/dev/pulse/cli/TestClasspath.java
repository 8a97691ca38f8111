package dev.pulse.cli;

import dev.pulse.cli.packaging.DuckDbLibrarySplit;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a test's {@code pulse} JVM finds its classes: the test's own class path, with DuckDB's JNI
 * library unpacked once for the whole test run, as the container image has it
 * ({@link DuckDbLibrarySplit}), instead of by every {@code pulse} process. DuckDB's driver unpacks its
 * 57 MB library into the temporary directory at each start (a third of a short command's CPU) and
 * leaves it there when the process is killed, which many tests do. Its jar is copied without the
 * libraries, and the one for this machine goes on {@code java.library.path}, where the driver looks
 * when its jar has none. On a platform the driver names differently, the class path is used as it is.
 */
final class TestClasspath {

  /** The JVM options that give a {@code pulse} process its classes: {@code -cp} and perhaps a library path. */
  static final List<String> JVM_OPTIONS = build();

  private TestClasspath() {}

  private static List<String> build() {
    String classPath = System.getProperty("java.class.path");
    List<String> entries = new ArrayList<>(List.of(classPath.split(File.pathSeparator)));
    int driver = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (Path.of(entries.get(i)).getFileName().toString().startsWith("duckdb_jdbc")) {
        driver = i;
      }
    }
    Optional<String> library = DuckDbLibrarySplit.entryForThisMachine();
    if (driver < 0 || library.isEmpty()) {
      return List.of("-cp", classPath);
    }
    try {
      Path dir = Files.createTempDirectory("pulse-test-duckdb");
      Path jar = dir.resolve("duckdb_jdbc-classes.jar");
      Path unpacked = dir.resolve(DuckDbLibrarySplit.LIBRARY_FILE);
      if (!DuckDbLibrarySplit.split(Path.of(entries.get(driver)), library.get(), jar, unpacked)) {
        return List.of("-cp", classPath);
      }
      for (Path file : List.of(jar, unpacked, dir)) {
        file.toFile().deleteOnExit(); // reverse order of registration: the files, then the directory
      }
      entries.set(driver, jar.toString());
      return List.of("-Djava.library.path=" + dir, "-cp", String.join(File.pathSeparator, entries));
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack DuckDB's library for the tests' pulse processes", e);
    }
  }
}
