package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A query parameter whose %-escapes spell bytes that are no UTF-8 is refused 400 naming it, as a body
 * that is not UTF-8 is; never read as U+FFFD. One with a % that starts no escape is refused too, never
 * dropped (a dropped {@code dryRun} erases for real).
 */
class QueryStringUtf8Test extends SharedIngestServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOT_UTF8 = "its %-escapes are not UTF-8 text; send each character as the"
      + " %-escapes of its UTF-8 bytes (é is %C3%A9)";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"version=%FF", "version=v%C0%AF1", "to=2026-11-20&version=%ED%A0%80", "component=%E9t%E9"})
  void anAnalysisRefusesAParameterThatIsNotUtf8NamingIt(String query) throws Exception {
    HttpResponse<String> answer = server().get("/api/v1/active-installs?" + query, TestServer.ADMIN_TOKEN);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.get("parameter").asText()).isEqualTo(query.replaceAll(".*&", "").replaceAll("=.*", ""));
    assertThat(body.get("error").asText()).isEqualTo(NOT_UTF8);
  }

  @Test
  void aNameThatIsNotUtf8IsRefusedToo() throws Exception {
    HttpResponse<String> answer = server().get("/api/v1/versions?x%FFy=1", TestServer.ADMIN_TOKEN);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).get("parameter").asText()).isEqualTo("x\uFFFDy");
  }

  @Test
  void utf8EscapesAreTakenAsBefore() throws Exception {
    HttpResponse<String> accented = server().get("/api/v1/versions?version=%C3%A9t%C3%A9", TestServer.ADMIN_TOKEN);

    assertThat(accented.statusCode()).as(accented.body()).isEqualTo(200);
    assertThat(JSON.readTree(accented.body()).get("version").asText()).isEqualTo("été");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"from=2026-11-01%zz", "component=CLI%", "version=v1%2", "%zz=1"})
  void aPercentThatStartsNoEscapeIsRefusedNamingTheParameterNotDropped(String query) throws Exception {
    // Raw: java.net.URI refuses such a query before it could be sent.
    String answer = request("GET", "/api/v1/versions?" + query);

    assertThat(answer).startsWith("HTTP/1.1 400 ");
    JsonNode body = JSON.readTree(RawHttp.body(answer));
    assertThat(body.get("parameter").asText()).isEqualTo(query.replaceAll("=.*", ""));
    assertThat(body.get("error").asText()).isEqualTo("a % in it is not followed by two hex digits; send a % itself as %25");
  }

  @Test
  void anErasureWhoseDryRunHoldsAPercentThatStartsNoEscapeIsRefusedNotRunForReal() throws Exception {
    for (String dryRun : new String[] {"true%zz", "%zz", "true%"}) {
      String answer = request("DELETE", "/api/v1/installs/abc?dryRun=" + dryRun);

      assertThat(answer).as(dryRun).startsWith("HTTP/1.1 400 ");
      JsonNode error = JSON.readTree(RawHttp.body(answer)).at("/errors/0");
      assertThat(error.at("/extensions/code").asText()).isEqualTo("BAD_PARAMETER");
      assertThat(error.get("message").asText())
          .isEqualTo("dryRun: a % in it is not followed by two hex digits; send a % itself as %25");
    }
  }

  private static String request(String method, String target) throws Exception {
    return RawHttp.exchange(server(), method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + TestServer.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n", Duration.ofSeconds(30));
  }

  @Test
  void aPathWhoseEscapesAreNotUtf8IsRefusedNotReadAsAnotherId() throws Exception {
    for (String path : new String[] {"/api/v1/installs/%FF", "/api/v1/installs/%ED%A0%80"}) {
      String answer = request("DELETE", path);

      assertThat(answer).as(path).startsWith("HTTP/1.1 400 ");
      JsonNode error = JSON.readTree(RawHttp.body(answer)).at("/errors/0");
      assertThat(error.at("/extensions/code").asText()).isEqualTo("INVALID_UTF8");
      assertThat(error.get("message").asText()).isEqualTo("the path's %-escapes are not UTF-8 text; send each"
          + " character as the %-escapes of its UTF-8 bytes (é is %C3%A9)");
    }
    assertThat(request("DELETE", "/api/v1/installs/%C3%A9t%C3%A9")).as("UTF-8 escapes are taken")
        .doesNotContain("INVALID_UTF8");
  }

  @Test
  void anErasureRefusesItWithTheCodeOfABodyThatIsNotUtf8() throws Exception {
    HttpResponse<String> answer = server().send(HttpRequest.newBuilder(server().uri("/api/v1/installs/abc?dryRun=%FF"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

    assertError(answer, 400, "INVALID_UTF8", "dryRun: " + NOT_UTF8);
  }
}
