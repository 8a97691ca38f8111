package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that accepts the connection and then stops answering ends every {@code --server} command
 * with exit 1 after its bound (here --timeout 1), never in a wait forever: a nightly export or backup
 * would hang for good. A streamed answer that falls silent midway keeps no file.
 */
class ServerThatStopsAnsweringTest {

  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", "stops-answering-token-0123");

  @TempDir Path dir;

  @Test
  void everyServerCommandGivesUpOnAServerThatAcceptsAndNeverAnswers() throws Exception {
    Path lines = Files.write(dir.resolve("events.ndjson"), ExportLines.events(2));
    try (Stalling.NeverAnswers server = new Stalling.NeverAnswers()) {
      for (String[] command : new String[][] {
          {"export", "events"}, {"query", "versions"}, {"purge", "--context-id", "abc"},
          {"backup", "-o", dir.resolve("backup.duckdb").toString()}, {"import", "events", lines.toString()}}) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--server", server.url(), "--timeout", "1"));
        PulseRun run = PulseRun.run(ENV, args.toArray(String[]::new));

        assertTold(run, FAILURE, "pulse " + command[0] + ": " + server.url() + " did not answer within 1 s; is the"
            + " server overloaded or stuck?");
        assertThat(run.output()).contains("--timeout");
      }
      assertThat(dir.resolve("backup.duckdb")).doesNotExist();
    }
  }

  @Test
  void aServerThatHangsUpOrAnswersNoHttpIsToldSoNotInTheJdksWordsNorBlamedOnTheFile() throws Exception {
    Path lines = Files.write(dir.resolve("events.ndjson"), ExportLines.events(2));
    try (Stalling.HangsUp hangsUp = new Stalling.HangsUp(new byte[0]);
        Stalling.HangsUp notHttp = new Stalling.HangsUp("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
      for (String[] command : new String[][] {
          {"export", "events"}, {"query", "versions"}, {"purge", "--context-id", "abc"},
          {"backup", "-o", dir.resolve("backup.duckdb").toString()}, {"import", "events", lines.toString()}}) {
        PulseRun closed = PulseRun.run(ENV, withServer(command, hangsUp.url()));
        assertTold(closed, FAILURE, "pulse " + command[0] + ": the connection to " + hangsUp.url()
            + " closed before an answer came");
        assertThat(closed.output()).doesNotContain("gzip", "header parser");

        PulseRun other = PulseRun.run(ENV, withServer(command, notHttp.url()));
        assertTold(other, USAGE, "pulse " + command[0] + ": the server at " + notHttp.url()
            + " answered something that is not HTTP (it sent \"NOT HTTP AT ALL\"): is --server the address of a Pulse"
            + " server?");
      }
      assertThat(dir.resolve("backup.duckdb")).doesNotExist();
    }
  }

  private static String[] withServer(String[] command, String url) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--server", url));
    return args.toArray(String[]::new);
  }

  @Test
  void plainHttpToAServerThatAnswersWithTlsIsToldToGiveHttps() throws Exception {
    byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46}; // a TLS alert record, "protocol version"
    try (Stalling.HangsUp tls = new Stalling.HangsUp(alert)) {
      PulseRun run = PulseRun.run(ENV, "query", "versions", "--server", tls.url());

      assertTold(run, USAGE, "pulse query: the server at " + tls.url() + " speaks TLS: give --server with https://");
      assertThat(run.output()).doesNotContain("status line", "\u0015");
    }
  }

  @Test
  void anExportWhoseServerFallsSilentMidwayStopsAndKeepsNoFile() throws Exception {
    byte[] firstLine = ExportLines.events(1).get(0).concat("\n").getBytes(StandardCharsets.UTF_8);
    try (Stalling.FallsSilent server = new Stalling.FallsSilent(
        Map.of("Content-Type", "application/x-ndjson"), firstLine)) {
      Path out = dir.resolve("events.ndjson");
      PulseRun run = PulseRun.run(ENV, "export", "events", "--server", server.url(), "--timeout", "1",
          "-o", out.toString());

      assertTold(run, FAILURE, "pulse export: the server stopped sending the export before its end (the server sent"
          + " nothing for 1 s): the export is incomplete, so no file was written");
      assertThat(out).doesNotExist();
      assertThat(dir).isEmptyDirectory();
    }
  }

  @Test
  void aBackupWhoseServerFallsSilentMidwayStopsAndKeepsNoFile() throws Exception {
    try (Stalling.FallsSilent server = new Stalling.FallsSilent(Map.of("Content-Type", "application/octet-stream",
        "Content-Disposition", "attachment; filename=\"pulse-backup-20261204T000000Z.duckdb\""), new byte[4096])) {
      Path out = dir.resolve("backup.duckdb");
      PulseRun run = PulseRun.run(ENV, "backup", "--server", server.url(), "--timeout", "1", "-o", out.toString());

      assertTold(run, FAILURE, "pulse backup: the backup stopped coming before its end (the server sent nothing for"
          + " 1 s); the output is incomplete");
      assertThat(dir).isEmptyDirectory();
    }
  }

  @Test
  void aTimeoutOfNoSecondsIsAUsageMistake() throws Exception {
    try (Stalling.NeverAnswers server = new Stalling.NeverAnswers()) {
      PulseRun run = PulseRun.run(ENV, "export", "events", "--server", server.url(), "--timeout", "0");
      assertTold(run, USAGE, "pulse export: --timeout must be at least 1 second, got 0");
    }
  }
}
