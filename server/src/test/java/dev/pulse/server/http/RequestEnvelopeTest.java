package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request object itself, {@code {"query":..., "variables":{...}, "operationName":...}}: a query
 * or operation name that is not a string, a second object after it, a member given twice. Each is
 * refused with a 400 saying which rule, before graphql-java reads anything; nothing is stored.
 */
class RequestEnvelopeTest extends SharedIngestServer {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "{\"query\":5}                               | \"query\" must be a string, got 5",
    "{\"query\":true}                            | \"query\" must be a string, got true",
    "{\"query\":1.5e3}                           | \"query\" must be a string, got 1.5e3",
    "{\"query\":[\"query { ping }\"]}            | \"query\" must be a string, got a list",
    "{\"query\":\"{ ping }\",\"operationName\":5} | \"operationName\" must be a string, got 5",
    "{\"query\":\"{ ping }\",\"variables\":\"x\"} | \"variables\" must be an object, got a string",
  })
  void refusesAQueryOrOperationNameThatIsNoStringAsABadRequest(String body, String says) throws Exception {
    HttpResponse<String> response = server().postTelemetry(body.strip());

    assertError(response, 400, "BAD_REQUEST", says);
    assertThat(message(response)).startsWith("the request body is not a GraphQL request (");
  }

  @Test
  void refusesASecondValueAfterTheRequestObjectAsMalformedJson() throws Exception {
    HttpResponse<String> object = server().postTelemetry("{\"query\":\"query { ping }\"} {}");
    HttpResponse<String> afterTheGoClientsRequest = server().postTelemetry(Bodies.telemetries(2) + "\n[]");

    assertError(object, 400, "MALFORMED_JSON", "");
    assertThat(message(object)).isEqualTo(
        "the request body goes on after its JSON object ends (at line 1, column 28); send one object");
    assertError(afterTheGoClientsRequest, 400, "MALFORMED_JSON", "goes on after its JSON object ends (at line 2, column 1)");
  }

  @ParameterizedTest(name = "{0} twice")
  @CsvSource(delimiter = '|', value = {
    "query         | {\"query\":\"query { nope }\",\"query\":\"query { ping }\"}",
    "variables     | {\"query\":\"query { ping }\",\"variables\":{},\"variables\":null}",
    "operationName | {\"query\":\"query { ping }\",\"operationName\":null,\"operationName\":null}",
  })
  void refusesARequestMemberGivenTwiceNamingIt(String member, String body) throws Exception {
    HttpResponse<String> response = server().postTelemetry(body.strip());

    assertError(response, 400, "MALFORMED_JSON", "the request body has the member \"" + member + "\" twice (at line 1, column ");
    assertThat(message(response)).endsWith("; send each member of the request once");
  }

  @Test
  void refusesTheGoClientsRequestWithASecondQueryThatWouldRunInstead() throws Exception {
    // The fast path declines a repeated member; the general path must not then let the last one win.
    String second = Bodies.telemetries(1).replaceFirst("\\{\"query\":", "{\"query\":\"query { ping }\",\"query\":");

    assertError(server().postTelemetry(second), 400, "MALFORMED_JSON", "the member \"query\" twice");
  }

  @Test
  void refusesAMemberGivenTwiceInsideTheVariablesInsteadOfLettingTheLastWin() throws Exception {
    String variables = Bodies.telemetries(2);
    String telemetriesTwice = variables.replaceFirst("\"variables\":\\{\"telemetries\":",
        "\"variables\":{\"telemetries\":[],\"telemetries\":");
    String countTwice = variables.replaceFirst("\"count\":", "\"count\":3,\"count\":");

    assertThat(telemetriesTwice).isNotEqualTo(variables);
    assertThat(countTwice).isNotEqualTo(variables);
    assertError(server().postTelemetry(telemetriesTwice), 400, "MALFORMED_JSON",
        "the request body has the member \"telemetries\" twice in one object (at line 1, column ");
    assertError(server().postTelemetry(countTwice), 400, "MALFORMED_JSON",
        "the request body has the member \"count\" twice in one object (at line 1, column ");
  }

  @Test
  void stillTakesEachMemberOnceInAnyOrderWithOthersIgnored() throws Exception {
    HttpResponse<String> response = server().postTelemetry(
        "{\"extensions\":{\"query\":1},\"operationName\":null,\"variables\":{\"query\":2},\"query\":\"query { ping }\"}");

    assertThat(response.body()).isEqualTo("{\"data\":{\"ping\":true}}");
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).at("/errors/0/message").asText();
  }
}
