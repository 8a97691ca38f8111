package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stopped as a service manager or an operator stops it (SIGTERM, Ctrl-C) finishes its
 * requests, closes its store and exits 0, as docs/operations.md says: 143 made systemd count every
 * stop as a failure.
 */
class CleanStopTest {

  private static final String STOPPED = "Pulse stopped: requests in flight finished, store closed.";

  @TempDir Path dir;

  @Test
  void sigtermStopsTheServerWithExitCodeZeroOnceTheStoreIsClosed() throws Exception {
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), Map.of())) {
      int exit = server.terminate(Duration.ofSeconds(60));
      assertThat(exit).as(String.join("\n", server.output())).isZero();
      assertThat(server.output()).contains(STOPPED);
    }
  }

  @Test
  void ctrlCStopsTheServerTheSameWay() throws Exception {
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), Map.of())) {
      int exit = server.interrupt(Duration.ofSeconds(60));
      assertThat(exit).as(String.join("\n", server.output())).isZero();
      assertThat(server.output()).contains(STOPPED);
    }
  }
}
