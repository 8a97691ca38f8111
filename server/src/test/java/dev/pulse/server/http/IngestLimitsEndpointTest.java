package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertError;
import static dev.pulse.server.http.ErrorAnswers.assertGraphQlError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each limit on what a request sends (items, text, numbers, cause chains, the operation) with the default
 * limits: the precise answer, never a 500, and that a refused request stores nothing.
 */
class IngestLimitsEndpointTest extends SharedIngestServer {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void acceptsAThousandItemsInOneRequest() throws Exception {
    expectStored = true;
    HttpResponse<String> response = server().postTelemetry(Bodies.telemetries(1000));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server().storedCount()).isEqualTo(storedBefore + 1000);
  }

  @Test
  void refusesMoreItemsThanTheLimitNamingTheField() throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.telemetries(5001));
    assertGraphQlError(response, "TOO_MANY_ITEMS", "telemetries", "5000");
  }

  @Test
  void refusesAnOverlongVersionNamingTheField() throws Exception {
    String body =
        Bodies.sendTelemetries("[" + Bodies.event("v".repeat(257), "STARTED", 1, "") + "]");
    assertGraphQlError(
        server().postTelemetry(body), "STRING_TOO_LONG", "telemetries[0].component.version", "256");
  }

  @Test
  void refusesAnOverlongEventErrorText() throws Exception {
    String body =
        Bodies.sendTelemetries(
            "[" + Bodies.event("v1", "STARTED", 1, "") + "," + Bodies.event("v1", "ACTIVE", 0, "e".repeat(4097)) + "]");
    assertGraphQlError(server().postTelemetry(body), "STRING_TOO_LONG", "telemetries[1].data.error", "4096");
  }

  @Test
  void refusesAnOverlongErrorMessage() throws Exception {
    String body = Bodies.sendErrors("[" + Bodies.error("m".repeat(8193), "[]", "[]") + "]");
    assertGraphQlError(server().postTelemetry(body), "STRING_TOO_LONG", "errors[0].message", "8192");
  }

  @Test
  void refusesANegativeCountNamingCount() throws Exception {
    String body = Bodies.sendTelemetries("[" + Bodies.event("v1", "SERVICE_DISCOVERED", -5, "") + "]");
    assertGraphQlError(server().postTelemetry(body), "NEGATIVE_COUNT", "telemetries[0].data.count", "-5");
  }

  @Test
  void refusesACountBeyondTheIntRange() throws Exception {
    String body =
        Bodies.sendTelemetries("[" + Bodies.event("v1", "SERVICE_DISCOVERED", 1, "") + "]")
            .replace("\"count\":1", "\"count\":3000000000");
    assertGraphQlError(server().postTelemetry(body), "BAD_USER_INPUT", "telemetries");
  }

  @Test
  void refusesAMemberNameLongerThanTheDocumentedBound() throws Exception {
    String event = Bodies.sendTelemetries("[" + Bodies.event("v1", "SERVICE_DISCOVERED", 1, "") + "]");

    assertError(server().postTelemetry(event.replace("\"count\":1", "\"count\":1,\"" + "n".repeat(1025) + "\":1")),
        400, "JSON_TOO_LARGE", "a member name in the request JSON is longer than 1024 characters; no member of a"
            + " telemetry request has a name that long");
    assertThat(server().postTelemetry(event.replace("\"count\":1", "\"count\":1,\"" + "n".repeat(1024) + "\":1"))
        .body()).as("1024 is read, then refused as no member of data").contains("BAD_USER_INPUT");
  }

  @Test
  void refusesANumberOfThousandsOfDigits() throws Exception {
    String body =
        Bodies.sendTelemetries("[" + Bodies.event("v1", "SERVICE_DISCOVERED", 1, "") + "]")
            .replace("\"count\":1", "\"count\":1" + "0".repeat(5000));
    assertError(server().postTelemetry(body), 400, "JSON_TOO_LARGE", "too large");
  }

  @Test
  void acceptsACauseChainOfTheMaximumDepth() throws Exception {
    expectStored = true;
    HttpResponse<String> response =
        server().postTelemetry(Bodies.sendErrors("[" + Bodies.errorChain(64) + "]"));
    assertThat(response.body()).isEqualTo("{\"data\":{\"sendErrors\":true}}");
    assertThat(server().errors().get(server().errors().size() - 1).error().chainLength()).isEqualTo(64);
  }

  @Test
  void refusesACauseChainOneDeeperThanTheLimitNamingCause() throws Exception {
    HttpResponse<String> response =
        server().postTelemetry(Bodies.sendErrors("[" + Bodies.errorChain(65) + "]"));
    assertGraphQlError(response, "CAUSE_TOO_DEEP", "errors[0]", "cause");
  }

  @Test
  void refusesACauseChainOfAHundredThousandWithoutOverflowingTheStack() throws Exception {
    byte[] body =
        Bodies.sendErrors("[" + Bodies.bareErrorChain(100_000) + "]").getBytes(StandardCharsets.UTF_8);
    assertError(server().postTelemetry(Bodies.gzip(body), "gzip"), 400, "JSON_TOO_DEEP", "cause");
    String plain = Bodies.sendErrors("[" + Bodies.bareErrorChain(10_000) + "]");
    assertError(server().postTelemetry(plain), 400, "JSON_TOO_DEEP", "cause");
    // The server still answers afterwards: no thread died of a StackOverflowError.
    assertThat(server().get("/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesMoreStackFramesThanTheLimit() throws Exception {
    String body = Bodies.sendErrors("[" + Bodies.error("boom", Bodies.frames(257), "[]") + "]");
    assertGraphQlError(server().postTelemetry(body), "TOO_MANY_ITEMS", "errors[0].stack", "256");
  }

  @Test
  void refusesMoreMetadataEntriesThanTheLimit() throws Exception {
    String body = Bodies.sendErrors("[" + Bodies.error("boom", "[]", Bodies.metadata(65)) + "]");
    assertGraphQlError(server().postTelemetry(body), "TOO_MANY_ITEMS", "errors[0].metadata", "64");
  }

  @Test
  void refusesMoreModifiersThanTheLimit() throws Exception {
    StringBuilder modifiers = new StringBuilder("[");
    for (int i = 0; i < 33; i++) {
      modifiers.append(i == 0 ? "" : ",").append("\"m").append(i).append('"');
    }
    String body = Bodies.sendCli(modifiers.append(']').toString());
    assertGraphQlError(server().postTelemetry(body), "TOO_MANY_ITEMS", "telemetries[0].command.modifiers", "32");
  }

  @Test
  void refusesADeeplyNestedQueryDocument() throws Exception {
    String query = "{ ping " + "{ a ".repeat(200) + "}".repeat(201);
    HttpResponse<String> response = server().postTelemetry(Bodies.query(query));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
    assertThat(error.at("/extensions/code").asText()).isEqualTo("GRAPHQL_PARSE_FAILED");
    assertThat(error.get("message").asText())
        .isEqualTo("the operation is nested deeper than the limit allows (maxQueryDepth 8)");
  }

  @Test
  void refusesAnOperationTextLongerThanTheLimitInOurWords() throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.query("{ ping }" + " ".repeat(16_400)));
    assertGraphQlError(response, "GRAPHQL_PARSE_FAILED", "(max");
    assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText())
        .isEqualTo("the operation text is longer than the limit of 16384 characters (maxQueryCharacters)");
  }

  @Test
  void refusesAnOperationWithMoreTokensThanTheLimitInOurWords() throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.query("{" + " ping".repeat(2_001) + " }"));
    assertGraphQlError(response, "GRAPHQL_PARSE_FAILED", "(max");
    assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText())
        .isEqualTo("the operation text has more than the limit of 2000 tokens (maxQueryTokens)");
  }

  @Test
  void namesTheUnexpectedTokenOfAnOperationThatIsNotGraphQlWithItsPlace() throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.query("{ ping\n  ^ }"));
    assertGraphQlError(response, "GRAPHQL_PARSE_FAILED", "not valid GraphQL");
    JsonNode error = JSON.readTree(response.body()).at("/errors/0");
    assertThat(error.get("message").asText())
        .isEqualTo("the operation is not valid GraphQL: unexpected '^' at line 2, column 3");
    assertThat(error.at("/locations/0/line").asInt()).isEqualTo(2);
    assertThat(error.at("/locations/0/column").asInt()).isEqualTo(3);
  }

  @Test
  void namesWhatFollowsACompleteOperation() throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.query("{ ping } }"));
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
    HttpResponse<String> response = server().postTelemetry(Bodies.query(query.append(" }").toString()));
    assertGraphQlError(response, "TOO_MANY_ALIASES", "maxAliases", "9");
  }

  @Test
  void refusesTooManyFields() throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.query("{" + " ping".repeat(17) + " }"));
    assertGraphQlError(response, "TOO_MANY_FIELDS", "maxQueryFields", "17");
  }

  @Test
  void answersPing() throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.query("{ ping }"));
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
    HttpResponse<String> response = server().postTelemetry(body);
    assertGraphQlError(response, "NEGATIVE_COUNT", "count", "-1");
  }
}
