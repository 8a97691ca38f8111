package dev.pulse.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import lines no server could have exported: a receive time before 1970 or in the future, a count
 * that is not a whole {@code Int}, a huge value. Each is refused with its reason, nothing is stored,
 * and the analyses go on answering (a record dated in year -1 once stopped every one of them).
 */
class ImpossibleLinesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void aReceiveTimeBefore1970OrInTheFutureIsRefusedAndTheAnalysesGoOnAnswering() throws Exception {
    String tomorrowAndMore = Instant.now().plus(Duration.ofDays(2)).toString();
    try (TestServer server = TestServer.start(dataDir)) {
      for (String receivedAt : new String[] {
          "-0001-06-01T00:00:00.000Z", "+999999999-12-31T00:00:00.000Z", "1969-12-31T23:59:59.999Z", tomorrowAndMore}) {
        JsonNode refused = refused(importEvents(server, line(receivedAt, "ACTIVE", "1")));

        assertThat(refused.get("error").asText()).as(receivedAt).startsWith("line 1: \"receivedAt\" ");
      }
      assertThat(server.events()).isEmpty();
      HttpResponse<String> analysis = server.get("/api/v1/active-installs", TestServer.ADMIN_TOKEN);
      assertThat(analysis.statusCode()).as(analysis.body()).isEqualTo(200);
      assertThat(importEvents(server, line("2026-11-05T10:00:00.000Z", "ACTIVE", "1")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aCountThatIsNotAWholeIntIsRefusedRatherThanStoredChanged() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      for (String count : new String[] {"1e40", "1.5", "\"1\"", "2147483648", "-1", "1e-400"}) {
        JsonNode refused = refused(importEvents(server, line("2026-11-05T10:00:00.000Z", "ACTIVE", count)));

        assertThat(refused.get("error").asText()).as(count)
            .startsWith("line 1: \"count\" is ").endsWith("not a whole number from 0 to 2147483647")
            .doesNotContain("0.0"); // 1e-400 as a double: what was sent is quoted, not what it rounds to
      }
      assertThat(server.events()).isEmpty();
      HttpResponse<String> whole = importEvents(server, line("2026-11-05T10:00:00.000Z", "ACTIVE", "7"));
      assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
      assertThat(server.events()).singleElement().satisfies(event -> assertThat(event.data().count()).isEqualTo(7));
    }
  }

  @Test
  void aHugeValueInALineIsQuotedShortInTheRefusal() throws Exception {
    String huge = "X".repeat(200_000);
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> answer = importEvents(server, line("2026-11-05T10:00:00.000Z", huge, "1"));

      assertThat(refused(answer).get("error").asText()).contains("\"eventType\" is \"" + "X".repeat(64) + "…\"");
      assertThat(answer.body().length()).isLessThan(600);
    }
  }

  private static String line(String receivedAt, String eventType, String count) {
    return "{\"receivedAt\":\"" + receivedAt + "\",\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"i-1\","
        + "\"contextId\":\"ctx\",\"version\":\"v1\",\"cloudClientId\":\"\",\"eventType\":\"" + eventType + "\","
        + "\"count\":" + count + ",\"error\":\"\"}\n";
  }

  private static HttpResponse<String> importEvents(TestServer server, String body) {
    return server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static JsonNode refused(HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.get("parameter").asText()).isEqualTo("body");
    return body;
  }
}
