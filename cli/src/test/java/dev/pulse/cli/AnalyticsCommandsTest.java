package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.api.AnalyticsRoutes;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsCommandsTest {

  @TempDir Path dir;

  private final InProcessPulse pulse = new InProcessPulse();

  @Test
  void aMisspeltFormatIsToldWithTheOneItProbablyMeant() {
    assertThat(pulse.run("query", "versions", "--format", "jsno", "--data-dir", dir.resolve("data").toString())).isEqualTo(2);
    assertThat(pulse.err.toString()).contains("--format must be table, csv or json, not jsno (did you mean json?)");
  }

  @Test
  void generatesWithAProgressBarThenQueriesTheDataDir() {
    Path data = dir.resolve("data");
    assertThat(pulse.run("generate", "--installs", "40", "--days", "14", "--last-day", "2026-11-20",
        "--data-dir", data.toString())).as(pulse.err.toString()).isZero();
    assertThat(pulse.err.toString()).contains("[##############################] 14/14 days").contains("generated");

    assertThat(pulse.run("query", "active-installs", "--from", "2026-11-14", "--to", "2026-11-20",
        "--format", "csv", "--data-dir", data.toString())).as(pulse.err.toString()).isZero();
    assertThat(pulse.out.toString()).startsWith("day,active,active7,active28\r\n2026-11-14,");
    assertThat(pulse.out.toString().split("\r\n")).hasSize(8);

    pulse.out.getBuffer().setLength(0);
    assertThat(pulse.run("query", "versions", "--from", "2026-11-20", "--to", "2026-11-20", "--component-version", "v1.0.2",
        "--data-dir", data.toString())).isZero();
    assertThat(pulse.out.toString()).startsWith("day ").contains("v1.0.2").doesNotContain("v1.1.0");
  }

  @Test
  void namesTheBadOptionOfAQuery() {
    Path data = dir.resolve("data");
    pulse.run("generate", "--installs", "5", "--days", "3", "--data-dir", data.toString());

    assertThat(pulse.run("query", "versions", "--from", "2026-02-30", "--data-dir", data.toString())).isNotZero();
    assertThat(pulse.err.toString()).contains("--from");
    assertThat(pulse.run("query", "versions", "--data-dir", dir.resolve("nothing").toString())).isNotZero();
    assertThat(pulse.err.toString()).contains("holds no Pulse store");
  }

  @Test
  void importsAnExportFileIntoADataDir() throws Exception {
    Path file = dir.resolve("cli.ndjson");
    Files.writeString(file, "{\"receivedAt\":\"2026-11-05T10:00:00.000Z\",\"version\":\"v1\",\"contextId\":\"c\","
        + "\"cloudClientId\":\"\",\"noun\":\"intents\",\"verb\":\"list\",\"modifiers\":[\"-o\"]}\n");
    Path data = dir.resolve("data");

    assertThat(pulse.run("import", file.toString(), "--kind", "cli", "--data-dir", data.toString()))
        .as(pulse.err.toString()).isZero();
    assertThat(pulse.out.toString()).contains("imported 1 CLI command into");
    pulse.out.getBuffer().setLength(0);
    pulse.run("query", "cli", "--from", "2026-11-05", "--to", "2026-11-05", "--format", "json",
        "--data-dir", data.toString());
    assertThat(pulse.out.toString()).contains("\"noun\":\"intents\"").contains("\"modifiers\":\"-o\"");
  }

  @Test
  void queriesARemoteServer() {
    Path data = dir.resolve("data");
    pulse.run("generate", "--installs", "20", "--days", "7", "--last-day", "2026-11-20", "--data-dir", data.toString());
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      Javalin app = Javalin.create();
      new AnalyticsRoutes(Analytics.create(DuckDbAnalyticsSource.rollups(store)),
          Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC)).register(app, null);
      app.start("127.0.0.1", 0);
      try {
        pulse.out.getBuffer().setLength(0);
        int status = pulse.run("query", "new-installs", "--period", "week", "--server",
            "http://127.0.0.1:" + app.port(), "--token", "t");
        assertThat(status).as(pulse.err.toString()).isZero();
        assertThat(pulse.out.toString()).startsWith("week ").contains("newInstalls").contains("2026-11-16");
      } finally {
        app.stop();
      }
    }
  }
}
