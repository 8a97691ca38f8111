package dev.pulse.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A small file of lines in the config directory, read whole and replaced atomically (a temporary file
 * moved over it), so that a run killed while writing leaves the old content, never half of the new.
 */
final class LineFile {

  private LineFile() {}

  /** The lines of {@code file}; none when it is missing, not a regular file or over {@code maxBytes}. */
  static List<String> read(Path file, long maxBytes) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) > maxBytes) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  /** Replaces {@code fileName} in {@code directory} (made if missing) with {@code lines}. */
  static void write(Path directory, String fileName, List<String> lines) throws IOException {
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, fileName, ".tmp");
    try {
      Files.write(temp, lines, StandardCharsets.UTF_8);
      Files.move(temp, directory.resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
