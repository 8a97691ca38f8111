package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** The checks of an error answer: its status, its code and what its message names. */
final class ErrorAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorAnswers() {}

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
