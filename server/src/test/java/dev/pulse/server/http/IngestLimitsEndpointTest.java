package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each limit and malformed input with the default limits: the precise answer, never a 500, and that a
 * refused request stores nothing.
 */
class IngestLimitsEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;

  private static TestServer server;
  private int storedBefore;
  private boolean expectStored;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(dataDir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void countStored() {
    storedBefore = server.storedCount();
    expectStored = false;
  }

  @AfterEach
  void refusedRequestsStoreNothing() {
    if (!expectStored) {
      assertThat(server.storedCount()).isEqualTo(storedBefore);
    }
  }

  @Test
  void acceptsGzipEncodedBody() throws Exception {
    expectStored = true;
    byte[] body = Bodies.gzip(Bodies.telemetries(3).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = server.postTelemetry(body, "gzip");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server.storedCount()).isEqualTo(storedBefore + 3);
  }

  @Test
  void stopsAGzipBombWhileInflating() throws Exception {
    byte[] bomb = Bodies.gzipOfSpaces(1024); // 1 GiB inflated
    assertThat(bomb.length).isLessThan(4 * 1024 * 1024);
    HttpResponse<String> response = server.postTelemetry(bomb, "gzip");
    assertError(response, 413, "BODY_TOO_LARGE", "maxBodyBytes");
  }

  @Test
  void refusesContentEncodingOtherThanGzip() throws Exception {
    HttpResponse<String> response =
        server.postTelemetry(Bodies.telemetries(1).getBytes(StandardCharsets.UTF_8), "br");
    assertError(response, 415, "UNSUPPORTED_CONTENT_ENCODING", "br");
  }

  @Test
  void refusesABodyThatIsNotGzipWhenItSaysSo() throws Exception {
    HttpResponse<String> response =
        server.postTelemetry(Bodies.telemetries(1).getBytes(StandardCharsets.UTF_8), "gzip");
    assertError(response, 400, "INVALID_GZIP", "it does not start with gzip's header");
  }

  @Test
  void saysWhetherAGzipBodyEndsEarlyOrIsCorruptInOurWords() throws Exception {
    byte[] whole = Bodies.gzip(Bodies.telemetries(50).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> cut = server.postTelemetry(Arrays.copyOf(whole, whole.length / 2), "gzip");
    assertError(cut, 400, "INVALID_GZIP", "it ends before its compressed data does");

    byte[] corrupt = whole.clone();
    for (int i = 10; i < 30; i++) {
      corrupt[i] = (byte) 0xFF; // inside the deflate stream, after the 10-byte header
    }
    HttpResponse<String> damaged = server.postTelemetry(corrupt, "gzip");
    assertError(damaged, 400, "INVALID_GZIP", "its compressed data is corrupt");
    assertThat(damaged.body()).doesNotContain("invalid", "ZLIB");
  }

  @Test
  void acceptsAThousandItemsInOneRequest() throws Exception {
    expectStored = true;
    HttpResponse<String> response = server.postTelemetry(Bodies.telemetries(1000));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server.storedCount()).isEqualTo(storedBefore + 1000);
  }

  @Test
  void refusesMoreItemsThanTheLimitNamingTheField() throws Exception {
    HttpResponse<String> response = server.postTelemetry(Bodies.telemetries(5001));
    assertGraphQlError(response, "TOO_MANY_ITEMS", "telemetries", "5000");
  }

  @Test
  void refusesAnOverlongVersionNamingTheField() throws Exception {
    String body =
        Bodies.sendTelemetries("[" + Bodies.event("v".repeat(257), "STARTED", 1, "") + "]");
    assertGraphQlError(
        server.postTelemetry(body), "STRING_TOO_LONG", "telemetries[0].component.version", "256");
  }

  @Test
  void refusesAnOverlongEventErrorText() throws Exception {
    String body =
        Bodies.sendTelemetries(
            "[" + Bodies.event("v1", "STARTED", 1, "") + "," + Bodies.event("v1", "ACTIVE", 0, "e".repeat(4097)) + "]");
    assertGraphQlError(server.postTelemetry(body), "STRING_TOO_LONG", "telemetries[1].data.error", "4096");
  }

  @Test
  void refusesAnOverlongErrorMessage() throws Exception {
    String body = Bodies.sendErrors("[" + Bodies.error("m".repeat(8193), "[]", "[]") + "]");
    assertGraphQlError(server.postTelemetry(body), "STRING_TOO_LONG", "errors[0].message", "8192");
  }

  @Test
  void refusesANegativeCountNamingCount() throws Exception {
    String body = Bodies.sendTelemetries("[" + Bodies.event("v1", "SERVICE_DISCOVERED", -5, "") + "]");
    assertGraphQlError(server.postTelemetry(body), "NEGATIVE_COUNT", "telemetries[0].data.count", "-5");
  }

  @Test
  void refusesACountBeyondTheIntRange() throws Exception {
    String body =
        Bodies.sendTelemetries("[" + Bodies.event("v1", "SERVICE_DISCOVERED", 1, "") + "]")
            .replace("\"count\":1", "\"count\":3000000000");
    assertGraphQlError(server.postTelemetry(body), "BAD_USER_INPUT", "telemetries");
  }

  @Test
  void refusesANumberOfThousandsOfDigits() throws Exception {
    String body =
        Bodies.sendTelemetries("[" + Bodies.event("v1", "SERVICE_DISCOVERED", 1, "") + "]")
            .replace("\"count\":1", "\"count\":1" + "0".repeat(5000));
    assertError(server.postTelemetry(body), 400, "JSON_TOO_LARGE", "too large");
  }

  @Test
  void acceptsACauseChainOfTheMaximumDepth() throws Exception {
    expectStored = true;
    HttpResponse<String> response =
        server.postTelemetry(Bodies.sendErrors("[" + Bodies.errorChain(64) + "]"));
    assertThat(response.body()).isEqualTo("{\"data\":{\"sendErrors\":true}}");
    assertThat(server.errors().get(server.errors().size() - 1).error().chainLength()).isEqualTo(64);
  }

  @Test
  void refusesACauseChainOneDeeperThanTheLimitNamingCause() throws Exception {
    HttpResponse<String> response =
        server.postTelemetry(Bodies.sendErrors("[" + Bodies.errorChain(65) + "]"));
    assertGraphQlError(response, "CAUSE_TOO_DEEP", "errors[0]", "cause");
  }

  @Test
  void refusesACauseChainOfAHundredThousandWithoutOverflowingTheStack() throws Exception {
    byte[] body =
        Bodies.sendErrors("[" + Bodies.bareErrorChain(100_000) + "]").getBytes(StandardCharsets.UTF_8);
    assertError(server.postTelemetry(Bodies.gzip(body), "gzip"), 400, "JSON_TOO_DEEP", "cause");
    String plain = Bodies.sendErrors("[" + Bodies.bareErrorChain(10_000) + "]");
    assertError(server.postTelemetry(plain), 400, "JSON_TOO_DEEP", "cause");
    // The server still answers afterwards: no thread died of a StackOverflowError.
    assertThat(server.get("/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesMoreStackFramesThanTheLimit() throws Exception {
    String body = Bodies.sendErrors("[" + Bodies.error("boom", Bodies.frames(257), "[]") + "]");
    assertGraphQlError(server.postTelemetry(body), "TOO_MANY_ITEMS", "errors[0].stack", "256");
  }

  @Test
  void refusesMoreMetadataEntriesThanTheLimit() throws Exception {
    String body = Bodies.sendErrors("[" + Bodies.error("boom", "[]", Bodies.metadata(65)) + "]");
    assertGraphQlError(server.postTelemetry(body), "TOO_MANY_ITEMS", "errors[0].metadata", "64");
  }

  @Test
  void refusesMoreModifiersThanTheLimit() throws Exception {
    StringBuilder modifiers = new StringBuilder("[");
    for (int i = 0; i < 33; i++) {
      modifiers.append(i == 0 ? "" : ",").append("\"m").append(i).append('"');
    }
    String body = Bodies.sendCli(modifiers.append(']').toString());
    assertGraphQlError(server.postTelemetry(body), "TOO_MANY_ITEMS", "telemetries[0].command.modifiers", "32");
  }

  @Test
  void refusesADeeplyNestedQueryDocument() throws Exception {
    String query = "{ ping " + "{ a ".repeat(200) + "}".repeat(201);
    HttpResponse<String> response = server.postTelemetry(Bodies.query(query));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
    assertThat(error.at("/extensions/code").asText()).isEqualTo("GRAPHQL_PARSE_FAILED");
    assertThat(error.get("message").asText())
        .isEqualTo("the operation is nested deeper than the limit allows (maxQueryDepth 8)");
  }

  @Test
  void refusesAnOperationTextLongerThanTheLimitInOurWords() throws Exception {
    HttpResponse<String> response = server.postTelemetry(Bodies.query("{ ping }" + " ".repeat(16_400)));
    assertGraphQlError(response, "GRAPHQL_PARSE_FAILED", "(max");
    assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText())
        .isEqualTo("the operation text is longer than the limit of 16384 characters (maxQueryCharacters)");
  }

  @Test
  void refusesAnOperationWithMoreTokensThanTheLimitInOurWords() throws Exception {
    HttpResponse<String> response = server.postTelemetry(Bodies.query("{" + " ping".repeat(2_001) + " }"));
    assertGraphQlError(response, "GRAPHQL_PARSE_FAILED", "(max");
    assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText())
        .isEqualTo("the operation text has more than the limit of 2000 tokens (maxQueryTokens)");
  }

  @Test
  void namesTheUnexpectedTokenOfAnOperationThatIsNotGraphQlWithItsPlace() throws Exception {
    HttpResponse<String> response = server.postTelemetry(Bodies.query("{ ping\n  ^ }"));
    assertGraphQlError(response, "GRAPHQL_PARSE_FAILED", "not valid GraphQL");
    JsonNode error = JSON.readTree(response.body()).at("/errors/0");
    assertThat(error.get("message").asText())
        .isEqualTo("the operation is not valid GraphQL: unexpected '^' at line 2, column 3");
    assertThat(error.at("/locations/0/line").asInt()).isEqualTo(2);
    assertThat(error.at("/locations/0/column").asInt()).isEqualTo(3);
  }

  @Test
  void namesWhatFollowsACompleteOperation() throws Exception {
    HttpResponse<String> response = server.postTelemetry(Bodies.query("{ ping } }"));
    assertGraphQlError(response, "GRAPHQL_PARSE_FAILED", "after its end");
    assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText())
        .isEqualTo("the operation is not valid GraphQL: unexpected '}' after its end, at line 1, column 10");
  }

  @Test
  void refusesTooManyAliases() throws Exception {
    StringBuilder query = new StringBuilder("{");
    for (int i = 0; i < 9; i++) {
      query.append(" a").append(i).append(": ping");
    }
    HttpResponse<String> response = server.postTelemetry(Bodies.query(query.append(" }").toString()));
    assertGraphQlError(response, "TOO_MANY_ALIASES", "maxAliases", "9");
  }

  @Test
  void refusesTooManyFields() throws Exception {
    HttpResponse<String> response = server.postTelemetry(Bodies.query("{" + " ping".repeat(17) + " }"));
    assertGraphQlError(response, "TOO_MANY_FIELDS", "maxQueryFields", "17");
  }

  @Test
  void answersPing() throws Exception {
    HttpResponse<String> response = server.postTelemetry(Bodies.query("{ ping }"));
    assertThat(response.body()).isEqualTo("{\"data\":{\"ping\":true}}");
  }

  @Test
  void storesNothingWhenOneFieldOfAMutationFails() throws Exception {
    String query =
        "mutation($ok: [TelemetryInput!]!, $bad: [TelemetryInput!]!) {"
            + " a: sendTelemetries(telemetries: $ok) b: sendTelemetries(telemetries: $bad) }";
    String body =
        "{\"query\":" + Bodies.quote(query) + ",\"variables\":{\"ok\":["
            + Bodies.event("v1", "STARTED", 1, "") + "],\"bad\":["
            + Bodies.event("v1", "STARTED", -1, "") + "]}}";
    HttpResponse<String> response = server.postTelemetry(body);
    assertGraphQlError(response, "NEGATIVE_COUNT", "count", "-1");
  }

  @Test
  void answersMalformedJsonWith400() throws Exception {
    assertError(server.postTelemetry("{\"query\": \"{ ping }\""), 400, "MALFORMED_JSON", "JSON");
    assertError(server.postTelemetry("{\"query\": \"{ ping }\"} trailing"), 400, "MALFORMED_JSON", "JSON");
  }

  @Test
  void answersABodyThatIsNotAGraphQlRequestWith400() throws Exception {
    assertError(server.postTelemetry("[1,2]"), 400, "BAD_REQUEST", "query");
    assertError(server.postTelemetry("{\"variables\":{}}"), 400, "MISSING_QUERY", "query");
    assertError(server.postTelemetry("null"), 400, "BAD_REQUEST", "null");
    assertError(server.postTelemetry(""), 400, "BAD_REQUEST", "GraphQL request");
    assertError(server.postTelemetry("{\"query\":\"{ ping }\",\"variables\":[1]}"), 400, "BAD_REQUEST", "GraphQL request");
  }

  @Test
  void answersInvalidUtf8With400() throws Exception {
    byte[] prefix = "{\"query\":\"{ ping }\",\"operationName\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + 4];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xff;
    body[prefix.length + 1] = (byte) 0xfe;
    body[prefix.length + 2] = '"';
    body[prefix.length + 3] = '}';
    assertError(server.postTelemetry(body, null), 400, "INVALID_UTF8", "UTF-8");
  }

  @Test
  void answersWrongMethodWith405() throws Exception {
    HttpResponse<String> get = server.get(WireOperations.PATH, null);
    assertError(get, 405, "METHOD_NOT_ALLOWED", "GET");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> put =
        server.send(
            HttpRequest.newBuilder(server.uri(WireOperations.PATH))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1)))
                .build());
    assertError(put, 405, "METHOD_NOT_ALLOWED", "PUT");
  }

  @Test
  void answersWrongContentTypeWith415() throws Exception {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri(WireOperations.PATH))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1)))
                .build());
    assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
  }

  @Test
  void acceptsJsonWithAUtf8Charset() throws Exception {
    expectStored = true;
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri(WireOperations.PATH))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1)))
                .build());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  static void assertError(HttpResponse<String> response, int status, String code, String mentions)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
    assertThat(error.at("/extensions/code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).contains(mentions).doesNotContain("Exception");
  }

  static void assertGraphQlError(HttpResponse<String> response, String code, String... mentions)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("data").isNull() || body.path("data").isMissingNode()).as(response.body()).isTrue();
    JsonNode error = body.get("errors").get(0);
    assertThat(error.at("/extensions/code").asText()).as(response.body()).isEqualTo(code);
    assertThat(error.get("message").asText()).contains(mentions);
  }
}
