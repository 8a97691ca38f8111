package dev.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The style's size rule: small classes with one job, none over 300 lines, in every module of the
 * repository (this module's tests run from {@code server/}; the rule is checked once, here, for all).
 */
class ClassSizeTest {

  private static final int MAX_LINES = 300;
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void noServerSourceFileIsOver300Lines() {
    assertThat(tooLong(List.of(Path.of("src/main/java"), Path.of("src/test/java")))).isEmpty();
  }

  @Test
  void noSourceFileOfAnotherModuleIsOver300Lines() throws IOException {
    assertThat(ROOT.resolve("pom.xml")).content().contains("<module>server</module>");
    List<Path> sources;
    try (Stream<Path> dirs = Files.walk(ROOT, 5)) {
      sources = dirs.filter(dir -> dir.endsWith(Path.of("src", "main", "java")) || dir.endsWith(Path.of("src", "test", "java")))
          .filter(dir -> !dir.startsWith(ROOT.resolve("server")))
          .toList();
    }
    assertThat(sources).contains(ROOT.resolve("client/src/main/java"), ROOT.resolve("cli/src/test/java"),
        ROOT.resolve("deploy/src/test/java"), ROOT.resolve("examples/demo-operator/src/main/java"));
    assertThat(tooLong(sources)).isEmpty();
  }

  private static List<String> tooLong(List<Path> sourceDirs) {
    return sourceDirs.stream().flatMap(ClassSizeTest::javaFiles)
        .filter(file -> lines(file) > MAX_LINES)
        .map(file -> file + " (" + lines(file) + " lines)")
        .toList();
  }

  private static Stream<Path> javaFiles(Path dir) {
    assertThat(dir).isDirectory();
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
