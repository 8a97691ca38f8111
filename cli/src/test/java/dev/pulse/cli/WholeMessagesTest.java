package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulse's own messages, its server's answers included, are printed whole however long: what to do is
 * said at their end, which a cut would lose.
 */
class WholeMessagesTest {

  private static final String TOKEN = "whole-messages-token-0123456";

  @TempDir Path base;

  @Test
  void aStoreWithoutItsContextKeyIsRefusedWithTheWholeAdviceToTheEnd() throws Exception {
    Path data = base.resolve("a-data-dir-with-a-name-long-enough-to-push-the-advice-past-any-cut");
    PulseRun.generate(data, 2, 1);
    Files.delete(data.resolve("context.key"));

    PulseRun serve = PulseRun.run(Map.of(), "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir",
        data.toString());

    assertTold(serve, USAGE, "docs/privacy.md (A lost context key) says how to go on with a new one");
    assertThat(serve.output()).doesNotContain("...");
  }

  @Test
  void aBackupThroughAServerWithoutRoomForItsCopyEndsWithWhatToDo() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(base.resolve("disk"), 40);
        ServeProcess server = ServeProcess.start(disk.dir().resolve("data"), TOKEN, "--min-free-disk", "36MiB")) {
      PulseRun backup = PulseRun.run(Map.of("PULSE_ADMIN_TOKEN", TOKEN), "backup", "--server",
          server.uri("").toString(), "-o", base.resolve("b.duckdb").toString());

      assertTold(backup, FAILURE, "(507)");
      assertThat(backup.output()).contains("back up its data dir to another disk with pulse backup --data-dir DIR"
          + " -o FILE").doesNotContain("...");
    }
  }
}
