package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertGraphQlError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A value written inline in the query, as a literal, that its type refuses is told as a variable's is:
 * the field as a path from the argument, what it must be and the value as written in GraphQL, never
 * graphql-java's dump of its syntax tree ("EnumValue{name='BOGUS'}"). Nothing is stored (the superclass checks).
 */
class LiteralMistakesInOurWordsTest extends SharedIngestServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] LIBRARY_WORDS = {
    "Value{", "Validation error", "WrongType", "argument 'telemetries'", "is not a valid", "graphql."};
  private static final String COMPONENT =
      "component: {componentType: NETWORK_MAPPER, componentInstanceId: \"i\", contextId: \"c\", version: \"1\"}";
  private static final String DATA = "data: {eventType: STARTED, count: 1}";

  @Test
  void anUnknownEnumLiteralIsNamedWithTheNamesItMayBe() throws Exception {
    assertNamed(send(COMPONENT, DATA.replace("STARTED", "BOGUS")), "telemetries[0].data.eventType",
        "telemetries[0].data.eventType must be one of the 31 EventType names (INTENTS_DELETED, INTENTS_APPLIED, "
            + "INTENTS_APPLIED_KAFKA, ...), got BOGUS");
    assertNamed(send(COMPONENT, DATA.replace("STARTED", "STARTD")), "telemetries[0].data.eventType",
        "telemetries[0].data.eventType must be one of the 31 EventType names (INTENTS_DELETED, INTENTS_APPLIED, "
            + "INTENTS_APPLIED_KAFKA, ...), got STARTD (did you mean STARTED?)");
  }

  @Test
  void anEnumNameWrittenAsAStringIsToldToLoseItsQuotes() throws Exception {
    assertNamed(send(COMPONENT.replace("NETWORK_MAPPER", "\"NETWORK_MAPPER\""), DATA),
        "telemetries[0].component.componentType",
        "telemetries[0].component.componentType must be one of INTENTS_OPERATOR, CREDENTIALS_OPERATOR, "
            + "NETWORK_MAPPER, CLI, NODE_AGENT, got the string \"NETWORK_MAPPER\" (write an enum name without quotes)");
  }

  @Test
  void anUnknownMemberOfAnInlineObjectIsNamedWithTheMembersItHas() throws Exception {
    assertNamed(send(COMPONENT, DATA.replace("count: 1", "count: 1, bogus: 1")), "telemetries[0].data.bogus",
        "telemetries[0].data has no member \"bogus\"; its members are eventType, count, error, ebpf");
  }

  @Test
  void aStringWhereANumberBelongsIsNamedWithTheStringAsWritten() throws Exception {
    assertNamed(send(COMPONENT, DATA.replace("count: 1", "count: \"1\"")), "telemetries[0].data.count",
        "telemetries[0].data.count must be a whole number, got the string \"1\"");
  }

  @Test
  void aNumberOfTheWrongKindIsNamedWithTheNumberAsWritten() throws Exception {
    assertNamed(send(COMPONENT, DATA.replace("count: 1", "count: 1.5")), "telemetries[0].data.count",
        "telemetries[0].data.count must be a whole number, got 1.5");
    assertNamed(send(COMPONENT.replace("version: \"1\"", "version: 5"), DATA), "telemetries[0].component.version",
        "telemetries[0].component.version must be a string, got 5");
  }

  @Test
  void aNullOrAMissingValueForARequiredFieldIsNamed() throws Exception {
    assertNamed(send(COMPONENT.replace("contextId: \"c\"", "contextId: null"), DATA),
        "telemetries[0].component.contextId", "telemetries[0].component.contextId is required and may not be null");
    assertNamed(send(COMPONENT.replace("contextId: \"c\", ", ""), DATA),
        "telemetries[0].component.contextId", "telemetries[0].component.contextId is required and may not be null");
  }

  @Test
  void aScalarWhereAnObjectBelongsIsNamed() throws Exception {
    assertNamed(send(COMPONENT, "data: [1]"), "telemetries[0].data",
        "telemetries[0].data must be an object, got a list");
  }

  @Test
  void eachOfTwoWrongArgumentsIsNamedInItsOwnError() throws Exception {
    String query = "mutation { sendErrors(" + COMPONENT.replace("NETWORK_MAPPER", "MAPPER")
        + ", errors: [{message: \"m\", errorClass: 5}]) }";
    HttpResponse<String> response = server().postTelemetry(Bodies.query(query));

    JsonNode errors = JSON.readTree(response.body()).get("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("message").asText()).isEqualTo("component.componentType must be one of "
        + "INTENTS_OPERATOR, CREDENTIALS_OPERATOR, NETWORK_MAPPER, CLI, NODE_AGENT, got MAPPER");
    assertThat(errors.get(1).get("message").asText()).isEqualTo("errors[0].errorClass must be a string, got 5");
  }

  @Test
  void aNullForARequiredArgumentIsNamed() throws Exception {
    assertNamed(server().postTelemetry(Bodies.query("mutation { sendTelemetries(telemetries: null) }")),
        "telemetries", "telemetries is required and may not be null");
  }

  @Test
  void aWrongDefaultOfAVariableIsNamedByItsPathFromTheVariable() throws Exception {
    String query = "mutation M($t: [TelemetryInput!]! = [{" + COMPONENT + ", " + DATA.replace("STARTED", "BOGUS")
        + "}]) { sendTelemetries(telemetries: $t) }";
    assertNamed(server().postTelemetry(Bodies.query(query)), "t[0].data.eventType",
        "t[0].data.eventType must be one of the 31 EventType names (INTENTS_DELETED, INTENTS_APPLIED, "
            + "INTENTS_APPLIED_KAFKA, ...), got BOGUS");
  }

  @Test
  void aWrongArgumentOfADirectiveIsNamedWithItsDirective() throws Exception {
    String query = "mutation { sendTelemetries(telemetries: []) @skip(if: \"yes\") }";
    assertNamed(server().postTelemetry(Bodies.query(query)), "@skip(if:)",
        "@skip(if:) must be true or false, got the string \"yes\"");
  }

  private static HttpResponse<String> send(String component, String data) {
    String query = "mutation { sendTelemetries(telemetries: [{" + component + ", " + data + "}]) }";
    return server().postTelemetry(Bodies.query(query));
  }

  private static void assertNamed(HttpResponse<String> response, String field, String says) throws Exception {
    assertGraphQlError(response, "GRAPHQL_VALIDATION_FAILED", says);
    JsonNode error = JSON.readTree(response.body()).at("/errors/0");
    assertThat(error.get("message").asText()).isEqualTo(says).doesNotContain(LIBRARY_WORDS);
    assertThat(error.at("/extensions/field").asText()).isEqualTo(field);
  }
}
