package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertGraphQlError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The variable and operation mistakes graphql-java refuses in its own words are answered in ours:
 * the field as a path from the variable, what it must be and what was sent; an operation that cannot
 * be picked says what to put in "operationName". Nothing is stored (the superclass checks).
 */
class VariableMistakesInOurWordsTest extends SharedIngestServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] GRAPHQL_JAVA_WORDS = {
    "coerced", "Variable '", "invalid value", "Invalid input", "Must provide", "input object type",
    "NonNull", "Unknown operation", "No value found"};
  private static final String SEND = "mutation M($t: [TelemetryInput!]!) { sendTelemetries(telemetries: $t) }";
  /** The usual request, with a space that makes the fast path decline it. */
  private static final String GENERAL = Bodies.telemetries(1).replace("{\"query\"", "{ \"query\"");

  @Test
  void aRequiredVariableGivenAsNullOrLeftOutIsNamed() throws Exception {
    assertNamed(post("{\"query\":" + Bodies.quote(SEND) + ",\"variables\":{\"t\":null}}"),
        "t", "t is required and may not be null");
    assertNamed(post("{\"query\":" + Bodies.quote(SEND) + "}"), "t", "t is required and may not be null");
  }

  @Test
  void aRequiredFieldGivenAsNullIsNamedByItsPath() throws Exception {
    assertNamed(post(GENERAL.replace("\"contextId\":\"" + Bodies.CONTEXT_ID + "\"", "\"contextId\":null")),
        "telemetries[0].component.contextId", "telemetries[0].component.contextId is required and may not be null");
  }

  @Test
  void anUnknownEnumNameIsNamedWithTheNamesItMayBe() throws Exception {
    assertNamed(post(GENERAL.replace("INTENTS_DISCOVERED", "NOT_A_REAL_EVENT")), "telemetries[0].data.eventType",
        "telemetries[0].data.eventType must be one of the 31 EventType names (INTENTS_DELETED, INTENTS_APPLIED, "
            + "INTENTS_APPLIED_KAFKA, ...), got the string \"NOT_A_REAL_EVENT\"");
    assertNamed(post(GENERAL.replace("\"NETWORK_MAPPER\"", "\"MAPPER\"")), "telemetries[0].component.componentType",
        "telemetries[0].component.componentType must be one of INTENTS_OPERATOR, CREDENTIALS_OPERATOR, "
            + "NETWORK_MAPPER, CLI, NODE_AGENT, got the string \"MAPPER\"");
    assertNamed(post(GENERAL.replace("INTENTS_DISCOVERED", "INTENTS_DISCOVERD")), "telemetries[0].data.eventType",
        "telemetries[0].data.eventType must be one of the 31 EventType names (INTENTS_DELETED, INTENTS_APPLIED, "
            + "INTENTS_APPLIED_KAFKA, ...), got the string \"INTENTS_DISCOVERD\" (did you mean INTENTS_DISCOVERED?)");
  }

  @Test
  void anUnknownMemberOfAnInputObjectIsNamedWithTheMembersItHas() throws Exception {
    assertNamed(post(GENERAL.replace("\"count\":0", "\"count\":0,\"bogus\":1")), "telemetries[0].data.bogus",
        "telemetries[0].data has no member \"bogus\"; its members are eventType, count, error, ebpf");
    assertNamed(post(GENERAL.replace("\"count\":0", "\"coutn\":0")), "telemetries[0].data.coutn",
        "telemetries[0].data has no member \"coutn\" (did you mean count?); its members are eventType, count, error,"
            + " ebpf");
  }

  @Test
  void anOperationThatCannotBePickedSaysWhatToPutInOperationName() throws Exception {
    String two = Bodies.quote(SEND + " query Q { ping }");
    assertGraphQlError(post("{\"query\":" + two + ",\"variables\":{\"t\":[]}}"), "BAD_USER_INPUT", "operation");
    assertThat(message(post("{\"query\":" + two + ",\"variables\":{\"t\":[]}}")))
        .isEqualTo("the query holds more than one operation; name the one to run in \"operationName\"");
    assertThat(message(post("{\"query\":" + two + ",\"operationName\":\"Nope\",\"variables\":{\"t\":[]}}")))
        .isEqualTo("the query holds no operation named \"Nope\"; \"operationName\" must name one of its operations");
  }

  private static HttpResponse<String> post(String body) {
    return server().postTelemetry(body);
  }

  private static void assertNamed(HttpResponse<String> response, String field, String says) throws Exception {
    assertGraphQlError(response, "BAD_USER_INPUT", says);
    JsonNode error = JSON.readTree(response.body()).at("/errors/0");
    assertThat(error.get("message").asText()).isEqualTo(says).doesNotContain(GRAPHQL_JAVA_WORDS);
    assertThat(error.at("/extensions/field").asText()).isEqualTo(field);
  }

  private static String message(HttpResponse<String> response) throws Exception {
    String message = JSON.readTree(response.body()).at("/errors/0/message").asText();
    assertThat(message).doesNotContain(GRAPHQL_JAVA_WORDS);
    return message;
  }
}
