package dev.pulse.server.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Days and values at the edges of what the API takes, over a real server: a day outside 1970 to
 * 9999 (which Java's date parser reads, signed and with more digits) is a 400 naming the parameter,
 * never a 500 or a 503 from the store; a huge value is quoted short in the refusal.
 */
class ParameterBoundsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] OUT_OF_RANGE = {
    "-999999999-01-01", "%2B999999999-12-01", "0000-01-01", "1969-12-31", "12345-01-01", "%2B2026-11-01"
  };

  @TempDir Path dataDir;

  @Test
  void aDayOutsideTheFourDigitYearsFrom1970IsRefusedNamingTheParameter() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      for (String day : OUT_OF_RANGE) {
        for (String analysis : new String[] {"active-installs", "errors", "versions"}) {
          HttpResponse<String> answer = get(server, "/api/v1/" + analysis + "?from=" + day + "&to=" + day);

          assertThat(answer.statusCode()).as(analysis + " " + day + ": " + answer.body()).isEqualTo(400);
          JsonNode body = JSON.readTree(answer.body());
          assertThat(body.get("parameter").asText()).isIn("from", "to");
          assertThat(body.get("error").asText()).startsWith("not a date YYYY-MM-DD (a UTC day from 1970-01-01 to 9999-12-31)");
        }
        HttpResponse<String> export = get(server, "/api/v1/export/events?from=" + day);
        assertThat(export.statusCode()).as("export " + day + ": " + export.body()).isEqualTo(400);
        assertThat(export.body()).contains("BAD_PARAMETER").contains("from: not a date YYYY-MM-DD");
      }
    }
  }

  @Test
  void theFirstAndLastDaysTakenAreAnswered() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      LocalDate before = LocalDate.now(ZoneOffset.UTC);
      // The last day is cut to the server's today: no later day has happened.
      HttpResponse<String> last = get(server, "/api/v1/active-installs?from=" + before.minusDays(1) + "&to=9999-12-31");
      LocalDate after = LocalDate.now(ZoneOffset.UTC);
      HttpResponse<String> first = get(server, "/api/v1/new-installs?from=1970-01-01&to=1970-01-31");
      HttpResponse<String> export = get(server, "/api/v1/export/events?from=1970-01-01&to=9999-12-31");

      assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
      LocalDate to = LocalDate.parse(JSON.readTree(last.body()).get("to").asText());
      assertThat(to).isIn(before, after);
      assertThat(JSON.readTree(last.body()).get("rows")).hasSize((int) ChronoUnit.DAYS.between(before, to) + 2);
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    }
  }

  @Test
  void aHugeValueOrParameterNameIsQuotedShortInTheRefusal() throws Exception {
    String huge = "x".repeat(7_000);
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> component = get(server, "/api/v1/errors?component=" + huge);
      HttpResponse<String> name = get(server, "/api/v1/errors?" + huge + "=1");

      assertThat(component.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(component.body()).get("error").asText())
          .startsWith("unknown component type \"" + "x".repeat(64) + "…\"; one of ");
      assertThat(component.body().length()).isLessThan(600);
      assertThat(name.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(name.body()).get("parameter").asText()).isEqualTo("x".repeat(64) + "…");
      assertThat(name.body().length()).isLessThan(600);
    }
  }

  private static HttpResponse<String> get(TestServer server, String path) {
    return server.get(path, TestServer.ADMIN_TOKEN);
  }
}
