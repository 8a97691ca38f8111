package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertGraphQlError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.store.StoredEvent;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A count is stored only when the number sent is exactly a whole number in the Int range: one with a
 * fraction too small for a double ({@code 1.0000000000000000000001}, {@code 1e-400}) is refused, not
 * rounded, and every refusal quotes the number as it was written, never "Infinity" or a double's
 * rendering of it. A whole number written with a fraction or an exponent ({@code 1.0}, {@code 1e2})
 * is taken, as GraphQL's Int coercion takes it. Refused requests store nothing (the superclass checks).
 */
class WholeCountsTest extends SharedIngestServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION = "v-whole-counts";

  @ParameterizedTest(name = "count {0}")
  @CsvSource(delimiter = '|', value = {
    "1.0000000000000000000001 | a whole number",
    "2147483647.0000000001    | a whole number",
    "1e-400                   | a whole number",
    "-1e-999999999            | a whole number",
    "1e-5                     | a whole number",
    "1e400                    | a whole number from -2147483648 to 2147483647",
    "1e999999999              | a whole number from -2147483648 to 2147483647",
    "1e99999999999            | a whole number from -2147483648 to 2147483647",
    "2147483648.0             | a whole number from -2147483648 to 2147483647",
  })
  void aCountThatIsNotExactlyAWholeIntIsRefusedQuotingItAsSent(String count, String expected) throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.telemetries(1).replace("\"count\":0", "\"count\":" + count.strip()));

    assertGraphQlError(response, "BAD_USER_INPUT", "telemetries[0].data.count");
    JsonNode error = JSON.readTree(response.body()).at("/errors/0");
    assertThat(error.get("message").asText())
        .isEqualTo("telemetries[0].data.count must be " + expected.strip() + ", got " + count.strip());
    assertThat(error.at("/extensions/field").asText()).isEqualTo("telemetries[0].data.count");
  }

  @Test
  void aWholeNumberWrittenWithAFractionOrExponentIsStoredAsItsValueAndNothingElseIs() {
    String body = Bodies.sendTelemetries("["
        + Bodies.event(VERSION, "INTENTS_DISCOVERED", 7, "").replace("\"count\":7", "\"count\":1.0000000000000000000001") + "]");
    assertThat(server().postTelemetry(body).body()).contains("must be a whole number");
    assertThat(server().storedCount()).isEqualTo(storedBefore);

    expectStored = true;
    String counts = String.join(",",
        Bodies.event(VERSION, "INTENTS_DISCOVERED", 7, "").replace("\"count\":7", "\"count\":1.0"),
        Bodies.event(VERSION, "INTENTS_DISCOVERED", 7, "").replace("\"count\":7", "\"count\":1e2"),
        Bodies.event(VERSION, "INTENTS_DISCOVERED", 7, "").replace("\"count\":7", "\"count\":2147483647.000"),
        Bodies.event(VERSION, "INTENTS_DISCOVERED", 7, "").replace("\"count\":7", "\"count\":0e999999999"));
    HttpResponse<String> stored = server().postTelemetry(Bodies.sendTelemetries("[" + counts + "]"));

    assertThat(stored.body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    List<StoredEvent> events = server().events().stream().filter(e -> e.component().version().equals(VERSION)).toList();
    assertThat(events).extracting(e -> e.data().count()).containsExactlyInAnyOrder(1, 100, Integer.MAX_VALUE, 0);
  }
}
