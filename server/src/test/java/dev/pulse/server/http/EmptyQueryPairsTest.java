package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An empty pair between {@code &}s ({@code ?&&&}, {@code ?from=...&&to=...&}) is no parameter, as
 * browsers and URLSearchParams read it: it is ignored, never refused as a parameter with an empty name.
 * A pair that has a value but no name ({@code ?=1}) is refused, saying so.
 */
class EmptyQueryPairsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  @Test
  void emptyPairsBetweenAmpersandsAreIgnoredOnEveryRouteThatChecksItsParameters() {
    for (String path : List.of("/api/v1/active-installs?&&&",
        "/api/v1/active-installs?&from=2026-11-01&&to=2026-11-02&", "/api/v1/export/events?&&",
        "/api/v1/export/cli?from=2026-11-01&&&", "/api/v1/errors?&")) {
      HttpResponse<String> answer = shared.server().get(path, TestServer.ADMIN_TOKEN);

      assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    }
  }

  @Test
  void aValueWithoutANameIsRefusedSayingItHasNoName() throws Exception {
    HttpResponse<String> analysis = shared.server().get("/api/v1/active-installs?&=1&", TestServer.ADMIN_TOKEN);
    assertThat(analysis.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(analysis.body()).get("error").asText()).startsWith("a parameter has no name (=1)");

    HttpResponse<String> export = shared.server().get("/api/v1/export/events?=x", TestServer.ADMIN_TOKEN);
    assertThat(export.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(export.body()).at("/errors/0");
    assertThat(error.get("message").asText()).isEqualTo("a parameter has no name (=x); an export takes from, to");
    assertThat(error.at("/extensions/code").asText()).isEqualTo("BAD_PARAMETER");
  }
}
