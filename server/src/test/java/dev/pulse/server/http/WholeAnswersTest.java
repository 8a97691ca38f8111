package dev.pulse.server.http;

import static dev.pulse.server.http.RawHttp.body;
import static dev.pulse.server.http.RawHttp.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ServerForClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Range header is set aside: every answer is whole, with a Content-Length that its body keeps.
 * (Jetty answered a range it could not satisfy with 416 and the file's length, but no body.) A static
 * file is read only: another method on it is 405, as on a route.
 */
class WholeAnswersTest {

  private static final String FILE = "/dashboard/app.js";

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  @ParameterizedTest(name = "Range: {0}")
  @ValueSource(strings = {"bytes=5000000-", "bytes=0-9", "bytes=9-0", "bytes=nonsense", "pages=1-2"})
  void aStaticFileAskedForInPartIsSentWhole(String range) throws IOException {
    String whole = send("");
    String ranged = send("Range: " + range + "\r\n");

    assertThat(ranged).startsWith("HTTP/1.1 200 ");
    assertThat(header(ranged, "Content-Range")).isEmpty();
    assertThat(body(ranged)).isEqualTo(body(whole)).isNotEmpty();
    assertThat(header(ranged, "Content-Length"))
        .isEqualTo(Integer.toString(body(whole).getBytes(StandardCharsets.UTF_8).length));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST " + FILE, "DELETE " + FILE, "PUT /docs/api.md", "PATCH /dashboard/dashboard.css"})
  void anotherMethodOnAStaticFileIs405TakingGetAndHead(String request) throws IOException {
    String answer = exchange(request, "Content-Length: 0\r\n");

    assertThat(answer).startsWith("HTTP/1.1 405 ").contains("\"code\":\"METHOD_NOT_ALLOWED\"")
        .contains("method not allowed: " + request + " (it takes GET, HEAD)");
    assertThat(header(answer, "Allow")).isEqualTo("GET, HEAD");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST /dashboard/nope.js", "DELETE /docs/nope.md"})
  void anotherMethodOnAFileThatIsNotThereIsStill404(String request) throws IOException {
    assertThat(exchange(request, "Content-Length: 0\r\n")).startsWith("HTTP/1.1 404 ");
  }

  private static String send(String headers) throws IOException {
    return exchange("GET " + FILE, headers);
  }

  private static String exchange(String request, String headers) throws IOException {
    return RawHttp.exchange(shared.server(), request + " HTTP/1.1\r\nHost: x\r\n" + headers
        + "Connection: close\r\n\r\n", Duration.ofSeconds(30));
  }
}
