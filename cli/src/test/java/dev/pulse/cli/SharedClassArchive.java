package dev.pulse.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive of the classes a short {@code pulse} command loads, made once per test run, so
 * that each of the suite's hundreds of {@code pulse} JVMs maps them instead of loading and verifying them: a
 * fifth less CPU for a short command. The JDK makes such an archive only of a class path of jars, so the test's
 * class directories are copied into jars first ({@link #jarOf}). Lambda proxies are left out of the list, since
 * JDK 17's archiver crashes on some of them. Anything that fails here leaves the tests without the archive,
 * only slower: a JVM given an archive that does not match its class path ignores it, silently.
 */
final class SharedClassArchive {

  private SharedClassArchive() {}

  /** The class path entry to give {@code pulse}: a directory as a jar made in {@code dir}, a jar as it is. */
  static String jarOf(String entry, Path dir) {
    Path source = Path.of(entry);
    if (!Files.isDirectory(source)) {
      return entry;
    }
    try {
      Path jar = Files.createTempFile(dir, source.getParent().getFileName() + "-" + source.getFileName(), ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
          Stream<Path> files = Files.walk(source)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          out.putNextEntry(new JarEntry(source.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
      return jar.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + source + " into a jar for the tests' pulse processes", e);
    }
  }

  /**
   * Makes the archive for JVMs started with {@code options} (class path, library path) in {@code dir}, from
   * the classes that generating a small data set and querying it load; empty when the JDK could not.
   */
  static Optional<Path> make(List<String> options, Path dir) {
    Path list = dir.resolve("classes.lst");
    Path archive = dir.resolve("pulse.jsa");
    Path data = dir.resolve("data");
    Path config = dir.resolve("config");
    try {
      List<String> classes = new ArrayList<>(loadedBy(options, list, config, "generate", "--installs", "3", "--days",
          "2", "--quiet", "--data-dir", data.toString()));
      classes.addAll(loadedBy(options, list, config, "query", "versions", "--data-dir", data.toString()));
      Files.write(list, classes.stream().filter(l -> !l.startsWith("@")).distinct().toList());
      List<String> dump = new ArrayList<>(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list,
          "-XX:SharedArchiveFile=" + archive));
      dump.addAll(options);
      run(dump, config);
      return Optional.of(archive);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      TempTrees.delete(data);
      TempTrees.delete(config);
      deleteQuietly(list);
    }
  }

  /** The classes (and lambda proxies) that {@code pulse args} loads, as the JDK lists them in {@code list}. */
  private static List<String> loadedBy(List<String> options, Path list, Path config, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(options);
    command.add(0, "-XX:DumpLoadedClassList=" + list);
    command.add(PulseCommand.class.getName());
    command.addAll(List.of(args));
    run(command, config);
    return Files.readAllLines(list);
  }

  /**
   * Runs a JVM with {@code jvmArgs}, its SDK off and its files in {@code config}; one that fails or hangs is an
   * {@link IOException}.
   */
  private static void run(List<String> jvmArgs, Path config) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.startsWith("OTTERIZE_") || k.startsWith("PULSE_"));
    builder.environment().put("DO_NOT_TRACK", "1");
    builder.environment().put("XDG_CONFIG_HOME", config.toString());
    Process process = builder.start();
    try (OutputStream stdin = process.getOutputStream()) {
      // no input
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("did not end: " + jvmArgs);
    }
    if (process.exitValue() != 0) {
      throw new IOException("ended with " + process.exitValue() + ": " + jvmArgs);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A leftover in the temporary directory only.
    }
  }
}
