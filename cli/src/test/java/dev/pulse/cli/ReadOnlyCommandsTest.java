package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that reads a store never creates one: in an empty directory it fails and leaves it empty.
 * Nor does an empty --data-dir stand for the working directory.
 */
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

  @Test
  void anEmptyDataDirIsRefusedNotTakenForTheCurrentDirectory() throws Exception {
    // --data-dir="$UNSET_VARIABLE": Path.of("") would be the working directory, and generate wrote there
    for (String[] command : new String[][] {{"generate", "--installs", "1", "--days", "1"}, {"query", "versions"}}) {
      List<String> args = new ArrayList<>(List.of(command));
      args.add("--data-dir=");
      assertTold(PulseRun.runIn(dir, Map.of(), args.toArray(String[]::new)), USAGE,
          "--data-dir: is empty (an unset variable?): give a file or directory name, . for the current directory");
      assertEmpty();
    }
  }

  private void assertEmpty() throws Exception {
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
