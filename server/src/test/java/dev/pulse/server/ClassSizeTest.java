package dev.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The style's size rule: small classes with one job, none of the server's over 300 lines. */
class ClassSizeTest {

  private static final int MAX_LINES = 300;

  @Test
  void noServerSourceFileIsOver300Lines() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(sources)) {
      tooLong = files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> lines(file) > MAX_LINES)
          .map(file -> sources.relativize(file) + " (" + lines(file) + " lines)")
          .toList();
    }
    assertThat(tooLong).isEmpty();
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
