package dev.pulse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directory trees that the tests' own support makes and removes, whatever they hold by then. */
final class TempTrees {

  private TempTrees() {}

  /** Removes {@code root} and all below it, as far as it can: a leftover is in the temporary directory only. */
  static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover in the temporary directory only.
    }
  }

  /** Removes {@code root} and all below it when the JVM ends. */
  static Path deleteAtExit(Path root) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "delete " + root));
    return root;
  }
}
