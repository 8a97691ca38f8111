package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A body read whole through Javalin (the sign-in form) has an explicit limit, refused in our words. */
class FormLimitTest {

  @TempDir Path dataDir;

  @Test
  void aSignInFormOverItsLimitIsRefusedInOurWordsAndTheServerKeepsAnswering() {
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(signIn(server, "token=" + "a".repeat(2_000_000)));

      assertThat(refused.statusCode()).isEqualTo(413);
      assertThat(refused.body())
          .contains("\"code\":\"BODY_TOO_LARGE\"", "the request body is larger than the 65536 bytes POST /login takes")
          .doesNotContain("Content Too Large");
      assertThat(server.send(signIn(server, "token=wrong")).statusCode()).as("a form within the limit").isEqualTo(401);
    }
  }

  private static HttpRequest signIn(TestServer server, String form) {
    return HttpRequest.newBuilder(server.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }
}
