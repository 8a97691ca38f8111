package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.api.AnalyticsRoutes;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query's mistakes are told alike by real {@code pulse} processes whether they ask a real server
 * ({@code --server}) or read a data dir: the option named, exit code 2.
 */
class QueryRefusalsTest {

  @TempDir Path dir;

  @Test
  void aParameterTheServerRefusesIsToldWithItsOptionAsOnADataDir() throws Exception {
    Path local = dir.resolve("local");
    DuckDbEventStore.open(local).close();
    String future = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
    String[][] mistakes = {
      {"new-installs", "--period", "month"},
      {"stickiness", "--period", "day"},
      {"error-trend", "--fingerprint", "0000000000000000"},
      {"error-versions", "--fingerprint", "0000000000000000"},
      {"versions", "--from", future},
      {"active-installs", "--by", "comp"},
    };
    List<String> toldLocally = new ArrayList<>();
    for (String[] mistake : mistakes) {
      PulseRun run = PulseRun.run(Map.of(), "query", mistake[0], mistake[1], mistake[2], "--data-dir", local.toString());
      assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
      toldLocally.add(run.output());
    }
    assertThat(toldLocally.get(0)).contains("--period: must be day or week, not \"month\"");
    assertThat(toldLocally.get(1)).contains("--period: must be week or month, not \"day\"");
    assertThat(toldLocally.get(4)).contains("--from: the first day " + future + " is after today ");
    assertThat(toldLocally.get(5)).contains("--by: must be component or version, not \"comp\" (did you mean component?)");

    try (DuckDbEventStore store = DuckDbEventStore.open(dir.resolve("served"))) {
      Javalin app = Javalin.create();
      new AnalyticsRoutes(Analytics.create(DuckDbAnalyticsSource.rollups(store)), Clock.systemUTC())
          .register(app, null);
      app.start("127.0.0.1", 0);
      try {
        String server = "http://127.0.0.1:" + app.port();
        for (int i = 0; i < mistakes.length; i++) {
          String[] mistake = mistakes[i];
          PulseRun run = PulseRun.run(Map.of(), "query", mistake[0], mistake[1], mistake[2], "--server", server,
              "--token", "t");
          assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
          assertThat(run.output()).as(String.join(" ", mistake)).doesNotContain("refused the request")
              .contains("pulse query: " + mistake[1] + ": ");
          assertThat(run.output()).isEqualTo(toldLocally.get(i));
        }
      } finally {
        app.stop();
      }
    }
  }
}
