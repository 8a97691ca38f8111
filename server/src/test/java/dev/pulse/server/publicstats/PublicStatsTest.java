package dev.pulse.server.publicstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.TestServer;
import dev.pulse.server.analytics.Telemetry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opt-in public page and JSON on a real server: no token, aggregates only, k-anonymous. */
class PublicStatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DAY = "2026-11-20";

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * 12 installs on v1, one alone on v2 and one each on v3..v12: v2..v12 are groups of one install.
   * Every install is ACTIVE; one install alone discovers services.
   */
  private static Telemetry fleet() {
    Telemetry t = new Telemetry();
    for (int i = 0; i < 12; i++) {
      t.event("main-" + i, ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, DAY);
    }
    for (int v = 2; v <= 12; v++) {
      t.event("rare-" + v, ComponentType.NETWORK_MAPPER, "v" + v, EventType.ACTIVE, 0, DAY);
    }
    t.event("main-0", ComponentType.NETWORK_MAPPER, "v1", EventType.SERVICE_DISCOVERED, 3, DAY);
    return t;
  }

  private TestServer serverWithPublicStats(boolean on) throws Exception {
    TestServer server = TestServer.start(dataDir,
        builder -> on ? builder.publicStats(new PublicStatsSettings(10)) : builder);
    server.server().store().append(fleet().batch());
    // An authenticated analysis folds the records into the rollups the public answers read.
    HttpResponse<String> refreshed = http.send(HttpRequest.newBuilder(server.uri("/api/v1/versions"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refreshed.statusCode()).isEqualTo(200);
    return server;
  }

  private HttpResponse<String> get(TestServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void versionsUnderKInstallsAreMergedIntoOtherAndNeverNamed() throws Exception {
    try (TestServer server = serverWithPublicStats(true)) {
      HttpResponse<String> answer = get(server, "/api/public/v1/versions?period=30d");

      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode rows = JSON.readTree(answer.body()).get("rows");
      assertThat(rows).extracting(r -> r.get("version").asText()).containsExactly("v1", "other");
      assertThat(rows.get(0).get("installs").asLong()).isEqualTo(12);
      assertThat(rows.get(1).get("installs").asLong()).isEqualTo(11);
      assertThat(answer.body()).doesNotContain("\"v2\"", "\"v12\"", "main-", "rare-");
    }
  }

  @Test
  void anInstallOnTwoSmallVersionsCountsOnceSoAnOtherUnderKInstallsIsLeftOut() throws Exception {
    Telemetry fleet = new Telemetry();
    for (int i = 0; i < 12; i++) {
      fleet.event("main-" + i, ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, DAY);
    }
    for (int i = 0; i < 5; i++) { // 5 installs, each with two components on versions of their own: 10 rows
      fleet.event("two-" + i, ComponentType.NETWORK_MAPPER, "m" + i, EventType.ACTIVE, 0, DAY);
      fleet.event("two-" + i, ComponentType.INTENTS_OPERATOR, "o" + i, EventType.ACTIVE, 0, DAY);
    }
    try (TestServer server = TestServer.start(dataDir, b -> b.publicStats(new PublicStatsSettings(10)))) {
      server.server().store().append(fleet.batch());
      http.send(HttpRequest.newBuilder(server.uri("/api/v1/versions"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());

      JsonNode rows = JSON.readTree(get(server, "/api/public/v1/versions?period=30d").body()).get("rows");

      assertThat(rows).extracting(r -> r.get("version").asText()).as("5 installs are not 10").containsExactly("v1");
    }
  }

  @Test
  void aGroupUnderKThatCannotBeMergedIsLeftOut() throws Exception {
    try (TestServer server = serverWithPublicStats(true)) {
      JsonNode features = JSON.readTree(get(server, "/api/public/v1/features").body());

      assertThat(features.get("rows")).extracting(r -> r.get("eventType").asText()).containsExactly("ACTIVE");
      assertThat(features.get("rows").get(0).get("installs").asLong()).isEqualTo(23);
      assertThat(features.get("minInstalls").asInt()).isEqualTo(10);
    }
  }

  @Test
  void showsWeeklyActiveInstallsOnlyForDaysWithAtLeastKOfThem() throws Exception {
    try (TestServer server = serverWithPublicStats(true)) {
      JsonNode installs = JSON.readTree(get(server, "/api/public/v1/installs?period=90d").body());

      JsonNode rows = installs.get("rows");
      assertThat(rows).hasSize(90);
      assertThat(installs.get("to").asText()).isEqualTo(DAY);
      assertThat(rows.get(89).get("weeklyActive").asLong()).isEqualTo(23);
      assertThat(rows.get(0).get("weeklyActive").isNull()).isTrue();
    }
  }

  @Test
  void badgeShowsTheLastDaysWeeklyActiveInstallsAsShieldsReadsIt() throws Exception {
    try (TestServer server = serverWithPublicStats(true)) {
      HttpResponse<String> answer = get(server, "/api/public/v1/badge/installs");

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      JsonNode badge = JSON.readTree(answer.body());
      assertThat(badge.get("schemaVersion").asInt()).isEqualTo(1);
      assertThat(badge.get("label").asText()).isEqualTo("active installs");
      assertThat(badge.get("message").asText()).isEqualTo("23");
      assertThat(badge.get("color").asText()).isEqualTo("blue");
    }
  }

  @Test
  void answersWithoutATokenAndMayBeCached() throws Exception {
    try (TestServer server = serverWithPublicStats(true)) {
      HttpResponse<String> page = get(server, "/public");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(page.headers().firstValue("Cache-Control").orElse("")).startsWith("public");
      assertThat(page.body()).contains("v1", "other", "ACTIVE").doesNotContain("v2<", "rare-", "main-");
      assertThat(get(server, "/api/v1/versions").statusCode()).as("the private API still needs the token")
          .isEqualTo(401);
    }
  }

  @Test
  void refusesAnUnknownPeriodNamingItAndNoCacheKeepsTheRefusal() throws Exception {
    try (TestServer server = serverWithPublicStats(true)) {
      HttpResponse<String> answer = get(server, "/api/public/v1/installs?period=7d");

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(answer.body()).get("parameter").asText()).isEqualTo("period");
      assertThat(JSON.readTree(answer.body()).get("error").asText()).endsWith("must be 30d, 90d or 365d, not \"7d\"");
      assertThat(JSON.readTree(get(server, "/api/public/v1/installs?period=90").body()).get("error").asText())
          .endsWith("must be 30d, 90d or 365d, not \"90\" (did you mean 90d?)");
      assertThat(answer.headers().firstValue("Cache-Control")).as("a refusal is not cached as an answer")
          .hasValueSatisfying(value -> assertThat(value).doesNotContain("public", "max-age"));
      assertThat(get(server, "/api/public/v1/installs").headers().firstValue("Cache-Control"))
          .as("an answer is").hasValueSatisfying(value -> assertThat(value).contains("public", "max-age"));
    }
  }

  @Test
  void isNotFoundWhenOff() throws Exception {
    try (TestServer server = serverWithPublicStats(false)) {
      assertThat(get(server, "/public").statusCode()).isEqualTo(404);
      assertThat(get(server, "/api/public/v1/versions").statusCode()).isEqualTo(404);
      assertThat(get(server, "/api/public/v1/badge/installs").statusCode()).isEqualTo(404);
    }
  }
}
