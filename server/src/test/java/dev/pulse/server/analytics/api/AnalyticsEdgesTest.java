package dev.pulse.server.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.analytics.Telemetry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of what the analytics routes take, on a server whose today is fixed at 2026-11-20: days
 * after today, a default range reaching before 1970, values given empty (as left out), an unknown
 * fingerprint, a version with spaces.
 */
class AnalyticsEdgesTest {

  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-20T23:59:59Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  private RoutesOnAClock routes;

  @BeforeEach
  void start() {
    routes = RoutesOnAClock.start(dataDir, TODAY, new Telemetry()
        .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-18")
        .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-20")
        .event("b", ComponentType.NETWORK_MAPPER, " v5.0.0 ", EventType.ACTIVE, 0, "2026-11-19")
        .error("a", "v1", "fp-1", "failed", "2026-11-19")
        .batch());
  }

  @AfterEach
  void stop() {
    routes.close();
  }

  @Test
  void aLastDayAfterTodayIsCutToTodayAndTheAnswerSaysSo() throws Exception {
    JsonNode active = json(get("active-installs?from=2026-11-18&to=2026-11-25"), 200);

    assertThat(active.get("to").asText()).isEqualTo("2026-11-20");
    assertThat(active.get("rows")).extracting(r -> r.get("day").asText())
        .containsExactly("2026-11-18", "2026-11-19", "2026-11-20");
    assertThat(active.get("rows").get(2).get("active").asLong()).isEqualTo(1);
    JsonNode releases = json(get("releases?from=2026-11-01&to=2027-01-01"), 200);
    assertThat(releases.get("to").asText()).isEqualTo("2026-11-20");
    assertThat(releases.get("rows")).extracting(r -> r.get("version").asText() + " " + r.get("installsNow").asLong())
        .containsExactly(" v5.0.0  0", "v1 1");
  }

  @Test
  void aFirstDayAfterTodayIsRefusedNamingFrom() throws Exception {
    JsonNode alone = json(get("versions?from=2027-01-01"), 400);
    assertThat(alone.get("parameter").asText()).isEqualTo("from");
    assertThat(alone.get("error").asText()).isEqualTo("the first day 2027-01-01 is after today 2026-11-20");
    assertThat(json(get("lifecycle?from=2026-11-21&to=2026-11-30"), 400).get("parameter").asText())
        .isEqualTo("from");
    JsonNode today = json(get("versions?from=2026-11-20"), 200);
    assertThat(today.get("to").asText()).isEqualTo("2026-11-20");
    assertThat(today.get("rows")).extracting(r -> r.get("version").asText()).containsExactly("v1");
  }

  @Test
  void anErrorsTrendAndVersionsAre404WithoutAReportInTheRangeAsTheErrorIs() throws Exception {
    for (String path : new String[] {"errors/0000000000000000", "errors/fp-1?from=2026-11-01&to=2026-11-18"}) {
      for (String page : new String[] {"", "/trend", "/versions"}) {
        String uri = path.replace("?", page + "?") + (path.contains("?") ? "" : page);
        JsonNode refused = json(get(uri), 404);
        assertThat(refused.get("error").asText()).as(uri).isEqualTo("no report of this fingerprint in the range");
        assertThat(refused.get("parameter").asText()).as(uri).isEqualTo("fingerprint");
      }
    }
    assertThat(json(get("errors/fp-1/trend?from=2026-11-18&to=2026-11-19"), 200).get("rows"))
        .extracting(r -> r.get("reports").asLong()).containsExactly(0L, 1L);
    assertThat(json(get("errors/fp-1/versions?from=2026-11-18&to=2026-11-19"), 200).get("rows")).hasSize(1);
  }

  @Test
  void aVersionWithSpacesIsSelectedAsTheVersionsAnalysisListsIt() throws Exception {
    JsonNode listed = json(get("versions?from=2026-11-19&to=2026-11-19"), 200);
    assertThat(listed.get("rows")).extracting(r -> r.get("version").asText()).containsExactly(" v5.0.0 ");

    JsonNode spaced = json(get("versions?from=2026-11-19&to=2026-11-19&version=%20v5.0.0%20"), 200);
    assertThat(spaced.get("version").asText()).isEqualTo(" v5.0.0 ");
    assertThat(spaced.get("rows")).isEqualTo(listed.get("rows"));
    JsonNode trimmed = json(get("versions?from=2026-11-19&to=2026-11-19&version=v5.0.0"), 200);
    assertThat(trimmed.get("rows")).isEmpty();
    JsonNode blank = json(get("versions?from=2026-11-19&to=2026-11-19&version=%20"), 200);
    assertThat(blank.get("version").isNull()).isTrue();
    assertThat(blank.get("rows")).isEqualTo(listed.get("rows"));
  }

  @Test
  void anEmptyOrBlankParameterMeansItsDefaultAsLeavingItOutDoes() throws Exception {
    String[][] defaults = {
      {"active-installs?by=", "day,active,active7,active28"},
      {"new-installs?period=", "day,newInstalls"},
      {"lifecycle?period=%20", "week,partial,new,returning,resurrecting,dormant"},
      {"stickiness?period=", "week,partial,days,installs,share"},
    };
    for (String[] given : defaults) {
      JsonNode body = json(get(given[0] + "&from=2026-11-18"), 200);
      assertThat(columns(body)).as(given[0])
          .isEqualTo(given[1]);
    }
    HttpResponse<String> format = get("cli?format=&from=2026-11-18");
    assertThat(format.statusCode()).as(format.body()).isEqualTo(200);
    assertThat(format.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode empty = json(get("versions?from=&to=&component=&version="), 200);
    assertThat(empty.get("from").asText()).isEqualTo("2026-10-24");
    assertThat(empty.get("to").asText()).isEqualTo("2026-11-20");
    assertThat(empty.get("component").isNull()).isTrue();
    // Surrounding spaces are not part of a value.
    HttpResponse<String> spaced = get("cli?from=2026-11-18&to=2026-11-20&format=%20csv%20");
    assertThat(spaced.statusCode()).as(spaced.body()).isEqualTo(200);
    assertThat(spaced.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
  }

  @Test
  void aDefaultRangeThatWouldStartBefore1970StartsOn1970_01_01() throws Exception {
    JsonNode first = json(get("active-installs?to=1970-01-01"), 200);
    assertThat(first.get("from").asText()).isEqualTo("1970-01-01");
    assertThat(first.get("to").asText()).isEqualTo("1970-01-01");
    assertThat(first.get("rows")).extracting(r -> r.get("day").asText()).containsExactly("1970-01-01");
    JsonNode tenth = json(get("new-installs?to=1970-01-10"), 200);
    assertThat(tenth.get("from").asText()).isEqualTo("1970-01-01");
    assertThat(tenth.get("rows")).hasSize(10);
  }

  private static String columns(JsonNode body) {
    StringBuilder names = new StringBuilder();
    body.get("columns").forEach(c -> names.append(names.length() == 0 ? "" : ",").append(c.asText()));
    return names.toString();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return routes.get(path);
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
    return RoutesOnAClock.json(response, status);
  }
}
