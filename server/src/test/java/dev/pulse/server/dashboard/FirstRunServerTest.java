package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import dev.pulse.server.http.Bodies;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server marks its pages as a first run, "empty" until any record arrives, then
 * "no-component" until its first component event is ingested.
 */
class FirstRunServerTest {

  private static final String FIRST_RUN = "data-first-run=";

  @TempDir Path dataDir;

  @Test
  void pagesAreAFirstRunUntilTheFirstEventIsIngested() {
    try (TestServer server = TestServer.start(dataDir)) {
      String cookie = signIn(server);
      assertThat(page(server, cookie).body()).contains(FIRST_RUN + "\"empty\"");

      HttpResponse<String> cli = server.postTelemetry(cliCommand());
      assertThat(cli.statusCode()).as(cli.body()).isEqualTo(200);
      assertThat(page(server, cookie).body()).contains(FIRST_RUN + "\"no-component\"");

      assertThat(server.postTelemetry(Bodies.telemetries(1)).statusCode()).isEqualTo(200);

      assertThat(page(server, cookie).body()).contains("<main id=\"page\"").doesNotContain(FIRST_RUN);
    }
  }

  // One CLI command, as `pulse send-test` sends it.
  private static String cliCommand() {
    String query =
        WireOperations.SEND_CLI_TELEMETRY
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\t", "\\t");
    return "{\"query\":\"" + query + "\",\"variables\":{\"telemetry\":{\"identifier\":{\"version\":\"1.0.0\","
        + "\"contextId\":\"" + "ab".repeat(32) + "\",\"cloudClientId\":\"\"},\"command\":{\"noun\":\"telemetry\","
        + "\"verb\":\"send-test\",\"modifiers\":[]}}},\"operationName\":\"SendCLITelemetry\"}";
  }

  private static String signIn(TestServer server) {
    HttpResponse<String> answer =
        server.send(
            HttpRequest.newBuilder(server.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TestServer.ADMIN_TOKEN))
                .build());
    assertThat(answer.statusCode()).isEqualTo(303);
    return answer.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  private static HttpResponse<String> page(TestServer server, String cookie) {
    return server.send(HttpRequest.newBuilder(server.uri("/")).header("Cookie", cookie).build());
  }
}
