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
 * when its jar has none. On a platform the driver names differently, the driver's jar is used as it is.
 * The JVMs also share an archive of the classes a short command loads ({@link SharedClassArchive}).
 */
final class TestClasspath {

  /** The JVM options that give a {@code pulse} process its classes: {@code -cp} and perhaps a library path. */
  static final List<String> JVM_OPTIONS = build();

  private TestClasspath() {}

  private static List<String> build() {
    try {
      Path dir = TempTrees.deleteAtExit(Files.createTempDirectory("pulse-test-classpath"));
      List<String> options = withLibrarySplit(System.getProperty("java.class.path"), dir);
      Optional<Path> archive = SharedClassArchive.make(options, dir);
      if (archive.isEmpty()) {
        return options;
      }
      List<String> withArchive = new ArrayList<>(options);
      withArchive.add(0, "-XX:SharedArchiveFile=" + archive.get());
      return List.copyOf(withArchive);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the class path of the tests' pulse processes", e);
    }
  }

  /** {@code -cp} (its directories as jars) and, when DuckDB's library could be split off, the library path. */
  private static List<String> withLibrarySplit(String classPath, Path dir) throws IOException {
    List<String> entries = new ArrayList<>();
    int driver = -1;
    for (String entry : classPath.split(File.pathSeparator)) {
      if (Path.of(entry).getFileName().toString().startsWith("duckdb_jdbc")) {
        driver = entries.size();
      }
      entries.add(SharedClassArchive.jarOf(entry, dir));
    }
    Optional<String> library = DuckDbLibrarySplit.entryForThisMachine();
    if (driver >= 0 && library.isPresent()) {
      Path jar = dir.resolve("duckdb_jdbc-classes.jar");
      Path unpacked = dir.resolve(DuckDbLibrarySplit.LIBRARY_FILE);
      if (DuckDbLibrarySplit.split(Path.of(entries.get(driver)), library.get(), jar, unpacked)) {
        entries.set(driver, jar.toString());
        return List.of("-Djava.library.path=" + dir, "-cp", String.join(File.pathSeparator, entries));
      }
    }
    return List.of("-cp", String.join(File.pathSeparator, entries));
  }
}
