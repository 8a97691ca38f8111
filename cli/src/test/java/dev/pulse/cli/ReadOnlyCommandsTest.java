package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that reads a store never creates one: in an empty directory it fails and leaves it empty. */
class ReadOnlyCommandsTest {

  @TempDir Path dir;

  @Test
  void exportInAnEmptyDirectoryCreatesNothing() throws Exception {
    assertTold(PulseRun.runIn(dir, Map.of(), "export", "events", "-o", "out.ndjson"), USAGE, "holds no Pulse store");
    assertEmpty();
  }

  @Test
  void queryInAnEmptyDirectoryCreatesNothing() throws Exception {
    assertTold(PulseRun.runIn(dir, Map.of(), "query", "versions"), USAGE, "holds no Pulse store");
    assertEmpty();
  }

  @Test
  void purgeInAnEmptyDirectoryCreatesNothing() throws Exception {
    assertTold(PulseRun.runIn(dir, Map.of(), "purge", "--context-id", "abc"), USAGE, "holds no Pulse store");
    assertEmpty();
  }

  private void assertEmpty() throws Exception {
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
