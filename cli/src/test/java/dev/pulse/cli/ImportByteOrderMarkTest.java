package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.store.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UTF-8 byte-order mark at the start of an import file (Windows tools write one) is skipped, into a
 * store and into a server alike; one at the start of a later line is a bad line, even where that line
 * begins a request of {@code import --server}.
 */
class ImportByteOrderMarkTest {

  private static final String TOKEN = "byte-order-mark-test-token-0123";
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir Path dir;

  @Test
  void aByteOrderMarkAtTheStartIsSkippedAndOneOnALaterLineStopsTheImportThereIntoAStore() throws Exception {
    Path file = withMarks(dir.resolve("events.ndjson"), ExportLines.events(3));

    PulseRun run = PulseRun.run(Map.of(), "import", "events", file.toString(), "--batch-size", "1",
        "--data-dir", dir.resolve("data").toString());

    // A batch is committed as the next record comes: line 1, with its mark, is; line 2 waits for line 3.
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("pulse import: stopped at line 3: the line starts with a byte-order mark"
        + " (U+FEFF), which only the start of a file may have").contains("1 record was imported");
  }

  @Test
  void aByteOrderMarkAtTheStartIsSkippedAndOneOnALaterLineStopsTheImportThereIntoAServer() throws Exception {
    Path file = withMarks(dir.resolve("events.ndjson"), ExportLines.events(3));
    try (PulseServer server = PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dir.resolve("server")).adminToken(TOKEN).build())) {
      // One record a request: line 3, with its mark, begins a request of its own.
      PulseRun run = PulseRun.run(Map.of("PULSE_ADMIN_TOKEN", TOKEN), "import", "events", file.toString(),
          "--batch-size", "1", "--server", "http://127.0.0.1:" + server.port());

      assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("pulse import: stopped at line 3: the line starts with a byte-order mark"
          + " (U+FEFF), which only the start of a file may have").contains("2 records were imported");
      List<StoredEvent> stored = new ArrayList<>();
      server.store().forEachEvent(stored::add);
      assertThat(stored).hasSize(2);
    }
  }

  /** The lines, with a byte-order mark before the first and before the third. */
  private static Path withMarks(Path file, List<String> lines) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      if (i == 0 || i == 2) {
        bytes.writeBytes(BOM);
      }
      bytes.writeBytes((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return Files.write(file, bytes.toByteArray());
  }
}
