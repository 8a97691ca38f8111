package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.WireOperations;
import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bodies of the wrong shape are answered in our words: short, naming the field and the rule, never a
 * Java class name, never echoing more than a short prefix of an offending value.
 */
class ErrorBodyWordsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The bound on one whole error answer: a message of a few lines, however large the value. */
  private static final int MAX_ANSWER_CHARS = 1024;

  private static final String HUGE = "x".repeat(100 * 1024);

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  static TestServer server() {
    return shared.server();
  }

  /** Each case: a body of the wrong shape, and a word its answer must contain. */
  private static Map<String, String[]> cases() {
    Map<String, String[]> cases = new LinkedHashMap<>();
    String query = Bodies.quote(WireOperations.SEND_TELEMETRIES);
    cases.put("variables as a list", new String[] {
        "{\"query\":" + query + ",\"variables\":[1,2,3]}", "variables"});
    cases.put("query as an object", new String[] {"{\"query\":{\"a\":1}}", "query"});
    cases.put("a huge string as the query's variables", new String[] {
        "{\"query\":" + query + ",\"variables\":" + Bodies.quote(HUGE) + "}", "variables"});
    cases.put("a huge string as operationName's object", new String[] {
        "{\"query\":" + query + ",\"operationName\":{\"x\":" + Bodies.quote(HUGE) + "}}", "operationName"});
    cases.put("a body that is a list", new String[] {"[" + Bodies.quote(HUGE) + "]", "object"});
    cases.put("a huge string where a component object is expected", new String[] {
        Bodies.sendTelemetries("[{\"component\":" + Bodies.quote(HUGE) + ",\"data\":{}}]"), "telemetries"});
    cases.put("a huge string where a count is expected", new String[] {
        Bodies.sendTelemetries("[" + Bodies.event("v1", "INTENTS_DISCOVERED", 1, "")
            .replace("\"count\":1", "\"count\":" + Bodies.quote(HUGE)) + "]"), "telemetries[0].data.count must be a whole number"});
    cases.put("a huge string where an enum is expected", new String[] {
        Bodies.sendTelemetries("[" + Bodies.event("v1", HUGE, 1, "") + "]"), "EventType"});
    cases.put("a huge unquoted token", new String[] {"{\"query\":" + HUGE + "}", "JSON"});
    return cases;
  }

  @Test
  void wrongShapesAreAnsweredShortlyInOurWords() throws Exception {
    for (Map.Entry<String, String[]> c : cases().entrySet()) {
      HttpResponse<String> response = server().postTelemetry(c.getValue()[0]);
      String body = response.body();
      assertThat(body.length()).as(c.getKey() + ": " + abbreviate(body)).isLessThan(MAX_ANSWER_CHARS);
      JsonNode errors = JSON.readTree(body).get("errors");
      assertThat(errors).as(c.getKey() + ": " + body).isNotNull();
      String message = errors.get(0).get("message").asText();
      assertThat(message)
          .as(c.getKey())
          .contains(c.getValue()[1])
          .doesNotContain("java.", "com.fasterxml", "Exception", "LinkedHashMap", "CoercionConfig", "`")
          .doesNotContainPattern("\\b(Map|ArrayList|Integer|Long)\\b")
          .doesNotContain("x".repeat(65));
    }
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
