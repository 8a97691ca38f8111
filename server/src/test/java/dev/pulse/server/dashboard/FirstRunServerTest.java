package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.http.Bodies;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server marks its pages as a first run until its first component event is ingested. */
class FirstRunServerTest {

  private static final String FIRST_RUN = "data-first-run=\"true\"";

  @TempDir Path dataDir;

  @Test
  void pagesAreAFirstRunUntilTheFirstEventIsIngested() {
    try (TestServer server = TestServer.start(dataDir)) {
      String cookie = signIn(server);
      assertThat(page(server, cookie).body()).contains(FIRST_RUN);

      assertThat(server.postTelemetry(Bodies.telemetries(1)).statusCode()).isEqualTo(200);

      assertThat(page(server, cookie).body()).contains("<main id=\"page\"").doesNotContain(FIRST_RUN);
    }
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
