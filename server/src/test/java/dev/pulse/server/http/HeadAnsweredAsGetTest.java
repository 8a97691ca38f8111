package dev.pulse.server.http;

import static dev.pulse.server.http.RawHttp.body;
import static dev.pulse.server.http.RawHttp.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HEAD gets the status and headers GET would (RFC 9110), no body, and the same guard. */
class HeadAnsweredAsGetTest {

  private static final String AUTH = "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\n";

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  @Test
  void headOnHealthHasTheHeadersOfGetAndNoBody() throws Exception {
    assertHeadAnswersAsGet("/healthz", "");
  }

  @Test
  void headOnAnAnalysisHasTheHeadersOfGetAndNoBody() throws Exception {
    assertHeadAnswersAsGet("/api/v1/active-installs", AUTH);
  }

  @Test
  void headOnAnAnalysisWithoutTheTokenIsRefusedAsGetIs() throws Exception {
    String head = send("HEAD", "/api/v1/active-installs", "");

    assertThat(head).startsWith("HTTP/1.1 401 ");
    assertThat(header(head, "WWW-Authenticate")).isEqualTo("Bearer realm=\"pulse\"");
    assertThat(body(head)).isEmpty();
  }

  @Test
  void headOnTheTelemetryEndpointIs405TakingPost() throws Exception {
    String head = send("HEAD", WireOperations.PATH, "");

    assertThat(head).startsWith("HTTP/1.1 405 ");
    assertThat(header(head, "Allow")).isEqualTo("POST");
    assertThat(body(head)).isEmpty();
  }

  @Test
  void headOnAPathOrMethodNoRouteTakesAnnouncesTheLengthOfGetsErrorExactly() throws Exception {
    assertHeadAnswersAsGet("/nope", "", 404);
    assertHeadAnswersAsGet("/api/v1/active-instals", AUTH, 404);
    assertHeadAnswersAsGet(WireOperations.PATH, "", 405);
    assertHeadAnswersAsGet("/api/v1/import", AUTH, 405);
  }

  private static void assertHeadAnswersAsGet(String path, String headers) throws IOException {
    assertHeadAnswersAsGet(path, headers, 200);
  }

  private static void assertHeadAnswersAsGet(String path, String headers, int status) throws IOException {
    String get = send("GET", path, headers);
    String head = send("HEAD", path, headers);

    assertThat(get).startsWith("HTTP/1.1 " + status + " ");
    assertThat(head).startsWith("HTTP/1.1 " + status + " ");
    for (String name : new String[] {"Content-Type", "Content-Length", "Cache-Control", "X-Content-Type-Options"}) {
      assertThat(header(head, name)).as(path + " " + name).isEqualTo(header(get, name)).isNotEmpty();
    }
    assertThat(body(get)).isNotEmpty();
    assertThat(body(head)).isEmpty();
  }

  private static String send(String method, String path, String headers) throws IOException {
    return RawHttp.exchange(shared.server(), method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + headers
        + "Connection: close\r\n\r\n", Duration.ofSeconds(30));
  }
}
