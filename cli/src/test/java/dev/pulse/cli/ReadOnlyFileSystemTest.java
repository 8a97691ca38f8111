package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir on a file system mounted read-only, or on one that cannot hold files ({@code /proc}), is
 * told as that, with what to do: not as a permission to ask its owner for, a missing file, or a bare path.
 */
class ReadOnlyFileSystemTest {

  private static final Map<String, String> NO_RESERVE = Map.of("PULSE_MIN_FREE_DISK", "0"); // a small tmpfs

  @TempDir Path dir;

  @Test
  void aStoreOnAReadOnlyMountIsToldAsReadOnlyByTheCommandsThatOpenIt() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("mnt"), 32)) {
      Path store = disk.dir().resolve("d0");
      Path empty = Files.createDirectory(disk.dir().resolve("empty"));
      assertThat(PulseRun.run(NO_RESERVE, "generate", "--installs", "2", "--days", "1", "--quiet", "--data-dir",
          store.toString()).exitCode()).isZero();
      disk.remountReadOnly();
      String readOnly = "its file system (mounted on " + disk.dir() + ") is read-only";

      PulseRun export = PulseRun.run(NO_RESERVE, "export", "events", "--data-dir", store.toString());
      assertTold(export, USAGE, "pulse export: cannot open the store in " + store + ": " + readOnly);
      assertThat(export.output()).contains("remount it read-write, or ask the running server with --server")
          .doesNotContain("permission denied");

      PulseRun serve = PulseRun.run(NO_RESERVE, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir",
          empty.toString());
      assertTold(serve, USAGE, "pulse serve: cannot start: cannot use the data dir " + empty + ": " + readOnly
          + "; remount it read-write");
      assertThat(serve.output()).doesNotContain("permission denied");
    }
  }

  @Test
  void aDataDirThatCannotHoldFilesIsToldInWords() throws Exception {
    PulseRun generate = PulseRun.run(Map.of(), "generate", "--installs", "1", "--days", "1", "--data-dir", "/proc");
    assertTold(generate, USAGE, "pulse generate: cannot use the data dir /proc: no file can be made in it (its file"
        + " system, proc, cannot hold files); give --data-dir a directory on a disk");
  }
}
