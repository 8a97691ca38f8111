package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import dev.pulse.server.ingest.IngestLimits;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value a client sent that an error message quotes back is cut to 64 characters and "…", as
 * docs/api.md says: a header, a path segment and a name in the operation text alike; and a whole
 * message is at most 400 characters, its "…" included.
 */
class ClientValuesCutTest extends SharedIngestServer {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLongContentTypeIsCut() throws Exception {
    String type = "text/plain; " + "x".repeat(360);
    HttpResponse<String> answer = server().send(HttpRequest.newBuilder(server().uri("/telemetry/query"))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1))).build());

    assertThat(answer.statusCode()).isEqualTo(415);
    assertThat(message(answer)).isEqualTo("the request's Content-Type is " + type.substring(0, 64)
        + "…; send application/json (UTF-8)");
  }

  @Test
  void aLongContentEncodingIsCut() throws Exception {
    String encoding = "br" + "x".repeat(200);
    HttpResponse<String> answer = server().postTelemetry(Bodies.telemetries(1).getBytes(), encoding);

    assertThat(answer.statusCode()).isEqualTo(415);
    assertThat(message(answer)).contains(encoding.substring(0, 64) + "…;").doesNotContain(encoding.substring(0, 65));
  }

  @Test
  void aLongVariableNameIsCut() throws Exception {
    String name = "v" + "a".repeat(299);
    String query = "mutation M($" + name + ": [TelemetryInput!]!) { sendTelemetries(telemetries: $" + name + ") }";
    HttpResponse<String> answer = server().postTelemetry("{\"query\":" + Bodies.quote(query) + "}");

    assertThat(message(answer)).isEqualTo(name.substring(0, 64) + "… is required and may not be null");
  }

  @Test
  void aLongUnknownMemberNameIsCutInTheFieldPathAsInTheMessage() throws Exception {
    String name = "x".repeat(1_000); // under the 1,024 a member name may have
    HttpResponse<String> answer =
        server().postTelemetry(Bodies.telemetries(1).replace("\"count\":0", "\"count\":0,\"" + name + "\":1"));

    JsonNode error = JSON.readTree(answer.body()).at("/errors/0");
    assertThat(error.get("message").asText()).isEqualTo("telemetries[0].data has no member \"" + name.substring(0, 64)
        + "…\"; its members are eventType, count, error, ebpf");
    assertThat(error.at("/extensions/field").asText()).isEqualTo("telemetries[0].data." + name.substring(0, 64) + "…");
  }

  @Test
  void aLongUndefinedFieldNameIsCutWhereverTheValidationMessageNamesIt() throws Exception {
    String name = "f".repeat(5000);
    HttpResponse<String> answer = server().postTelemetry("{\"query\":\"query { " + name + " }\"}");

    assertThat(message(answer)).isEqualTo("Validation error (FieldUndefined@[" + name.substring(0, 64) + "…]) : Field '"
        + name.substring(0, 64) + "…' in type 'Query' is undefined");
  }

  @Test
  void aLongUnknownParameterNameIsCut() throws Exception {
    String name = "q".repeat(5000);
    HttpResponse<String> export = server().get("/api/v1/export/events?" + name + "=1", TestServer.ADMIN_TOKEN);
    HttpResponse<String> erasure = server().send(HttpRequest.newBuilder(server().uri("/api/v1/installs/x?" + name + "=1"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

    assertThat(export.statusCode()).isEqualTo(400);
    assertThat(message(export)).isEqualTo(name.substring(0, 64) + "…: not a parameter of an export; it takes from, to");
    assertThat(erasure.statusCode()).isEqualTo(400);
    assertThat(message(erasure)).isEqualTo(name.substring(0, 64) + "…: not a parameter of an erasure; it takes dryRun");
  }

  @Test
  void aLongUnknownPathIsCut() throws Exception {
    String path = "/" + "q".repeat(5000);
    HttpResponse<String> answer = server().get(path, TestServer.ADMIN_TOKEN);

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(message(answer)).isEqualTo("no such resource: GET " + path.substring(0, 64) + "…");
  }

  @Test
  void aLongContextIdToEraseIsCut() throws Exception {
    String id = "c".repeat(256);
    HttpResponse<String> answer = server().send(HttpRequest.newBuilder(server().uri("/api/v1/installs/" + id))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(message(answer)).startsWith("no records of install " + id.substring(0, 64) + "…: ")
        .doesNotContain(id.substring(0, 65));
  }

  @Test
  void aLongDryRunHoldingQuotesIsCut() throws Exception {
    String value = "ab\"".repeat(40); // no run between quotes long enough for the safety net to cut
    HttpResponse<String> answer = server().send(HttpRequest.newBuilder(server().uri("/api/v1/installs/abc?dryRun="
        + "ab%22".repeat(40))).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(message(answer)).isEqualTo("dryRun must be true or false, not \"" + value.substring(0, 64) + "…\"");
  }

  @Test
  void aMessageOverTheLimitIsCutTo1000CharactersItsEllipsisIncluded(@TempDir Path dataDir) throws Exception {
    // The field path of a chain one past a limit of 300 is ".cause" 300 times: 1,800 characters.
    try (TestServer deep = TestServer.start(dataDir, b -> b.limits(IngestLimits.defaults().withMaxCauseDepth(300)))) {
      HttpResponse<String> answer = deep.postTelemetry(Bodies.sendErrors("[" + Bodies.errorChain(301) + "]"));

      assertThat(message(answer)).hasSize(1000).endsWith("…").startsWith(
          "the cause chain of errors[0] is deeper than the limit of 300 (maxCauseDepth) at errors[0].cause");
    }
  }

  private static String message(HttpResponse<String> answer) throws Exception {
    return JSON.readTree(answer.body()).get("errors").get(0).get("message").asText();
  }
}
