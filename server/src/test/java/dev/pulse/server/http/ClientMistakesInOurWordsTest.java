package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertError;
import static dev.pulse.server.http.ErrorAnswers.assertGraphQlError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body that is no JSON, or a variable of the wrong type, is answered in our words: what is wrong,
 * in which member or field, and where; never Jackson's settings ("ALLOW_COMMENTS", "enable ... to
 * allow"), its vocabulary ("CTRL-CHAR") or a Java type ('String', 'Double'). Nothing is stored.
 */
class ClientMistakesInOurWordsTest extends SharedIngestServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] LIBRARY_WORDS = {
    "ALLOW_", "Feature", "enable", "CTRL-CHAR", "JSON String", "token '", "'String'", "'Double'", "a a ", "code "};

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
    "a comment before the object  | /* c */ {\"query\":\"{ ping }\"}      | JSON comments are not allowed (at line 1, column 1)",
    "a line comment after a value | {\"query\":\"{ ping }\" // c\\n}      | JSON comments are not allowed (at line 1, column 21)",
    "NaN as a count               | {\"query\":\"{ ping }\",\"count\":NaN} | NaN is not a JSON number (in \"count\") (at line 1, column 32)",
    "-Infinity                    | {\"query\":\"{ ping }\",\"v\":[-Infinity]} | -Infinity is not a JSON number (at line 1, column 35)",
    "a leading zero               | {\"query\":\"{ ping }\",\"count\":01}  | a JSON number does not start with 0 followed by more digits (in \"count\") (at line 1, column 30)",
    "a string in single quotes    | {\"query\":'{ ping }'}               | unexpected character '''; strings are in double quotes (in \"query\") (at line 1, column 10)",
    "a raw tab in a string        | {\"query\":\"{\\tping }\"}             | a control character (U+0009) inside a string must be escaped (\\n, \\t, \\u0000) (in \"query\") (at line 1, column 12)",
    "an unknown escape            | {\"query\":\"{ \\x }\"}              | \\x is not a JSON escape sequence (in \"query\") (at line 1, column 14)",
    "a word that is no value      | {\"query\":nope}                     | unexpected 'nope'; a value is a string in double quotes, a number, an object, a list, true, false or null (in \"query\") (at line 1, column 10)",
    "a comma before the end       | {\"query\":\"{ ping }\",}            | unexpected character '}'; expected a member name in double quotes (at line 1, column 21)",
    "a missing comma              | {\"query\":\"{ ping }\" \"x\":1}      | unexpected character '\"'; expected ',' or '}' (at line 1, column 21)",
    "an unclosed object           | {\"query\":\"{ ping }\"              | the body ends before its JSON does (an object or a list is not closed) (at line 1, column 20)",
    "a bracket closing nothing    | {\"query\":\"{ ping }\"]             | unexpected ']', which closes nothing open here (at line 1, column 20)",
  })
  void describesJsonThatIsNotJsonInOurWords(String name, String body, String says) throws Exception {
    HttpResponse<String> response = server().postTelemetry(body.strip().replace("\\n", "\n").replace("\\t", "\t"));

    assertError(response, 400, "MALFORMED_JSON", "");
    assertThat(message(response)).isEqualTo("the request body is not valid JSON: " + says.strip())
        .doesNotContain(LIBRARY_WORDS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
    "a count of 1.5        | \"count\":0 | \"count\":1.5          | telemetries[0].data.count | a whole number, got 1.5",
    "a count of \"1\"      | \"count\":0 | \"count\":\"1\"        | telemetries[0].data.count | a whole number, got the string \"1\"",
    "a count of 2^31       | \"count\":0 | \"count\":2147483648   | telemetries[0].data.count | a whole number from -2147483648 to 2147483647, got 2147483648",
    "a count of true       | \"count\":0 | \"count\":true         | telemetries[0].data.count | a whole number, got true",
    "a version that is 5   | \"v1.5.0\"  | 5                      | telemetries[0].component.version | a string, got 5",
  })
  void namesTheFieldAndTheValueOfAVariableOfTheWrongType(
      String name, String from, String to, String field, String expected) throws Exception {
    HttpResponse<String> response = server().postTelemetry(Bodies.telemetries(1).replace(from.strip(), to.strip()));

    assertGraphQlError(response, "BAD_USER_INPUT", field.strip());
    JsonNode error = JSON.readTree(response.body()).at("/errors/0");
    assertThat(error.get("message").asText()).isEqualTo(field.strip() + " must be " + expected.strip())
        .doesNotContain(LIBRARY_WORDS);
    assertThat(error.at("/extensions/field").asText()).isEqualTo(field.strip());
  }

  @ParameterizedTest(name = "a stack frame's line {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {"\"12\" | the string \"12\"", "12.5 | 12.5"})
  void namesTheFieldOfAWrongTypeInAnErrorReport(String line, String shown) throws Exception {
    String body = Bodies.sendErrors("[" + Bodies.error("boom", Bodies.frames(2), "null") + "]")
        .replace("\"lineNumber\":1,", "\"lineNumber\":" + line.strip() + ",");

    assertGraphQlError(server().postTelemetry(body), "BAD_USER_INPUT",
        "errors[0].stack[1].lineNumber must be a whole number, got " + shown.strip());
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).at("/errors/0/message").asText();
  }
}
