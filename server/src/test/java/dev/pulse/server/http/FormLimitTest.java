package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in form, the one body outside the telemetry endpoint and the import, is read as telemetry
 * bodies are: an explicit limit, and a body cut short or malformed answered 400 in our words.
 */
class FormLimitTest {

  @TempDir Path dataDir;

  @Test
  void aSignInFormOverItsLimitGetsTheFormBackSayingSoAndTheServerKeepsAnswering() {
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(signIn(server, "token=" + "a".repeat(2_000_000)));

      // A person pasted far more than a token: a browser shows the answer as a page, so it is the form.
      assertThat(refused.statusCode()).isEqualTo(413);
      assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(refused.body())
          .contains("That is far longer than any token of this server (the form takes at most 64 KiB)")
          .contains("name=\"token\"")
          .doesNotContain("BODY_TOO_LARGE", "Content Too Large");
      assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(server.send(signIn(server, "token=wrong")).statusCode()).as("a form within the limit").isEqualTo(401);
    }
  }

  @Test
  void aSignInFormCutShortIsRefusedInOurWordsNotAsAServerFault() throws Exception {
    try (TestServer server = TestServer.start(dataDir);
        Socket socket = new Socket("127.0.0.1", server.server().port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: 100\r\n\r\ntoken=x").getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput(); // 93 bytes short
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"code\":\"BODY_READ_FAILED\"",
          "the request body ended before all of it came");
      assertThat(server.send(signIn(server, "token=wrong")).statusCode()).as("the server still answers").isEqualTo(401);
    }
  }

  @Test
  void aSignInFormThatIsNotUrlEncodedIsRefusedInOurWords() {
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(signIn(server, "token=%zz"));

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("the sign-in form is not URL-encoded as a form is");
    }
  }

  @Test
  void aSignInFormTakesTheTokenUrlEncodedAmongOtherFields() {
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> signedIn =
          server.send(signIn(server, "next=%2F&to%6Ben=" + URLEncoder.encode(TestServer.ADMIN_TOKEN, StandardCharsets.UTF_8)));

      assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
      assertThat(signedIn.headers().firstValue("Set-Cookie")).isPresent();
    }
  }

  private static HttpRequest signIn(TestServer server, String form) {
    return HttpRequest.newBuilder(server.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }
}
