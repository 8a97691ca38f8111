package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import io.javalin.http.NotFoundResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A path no route answers is told with the path of the route it probably meant, or with none; a route
 * that answers 404 itself is never told to try itself.
 */
class MistypedPathTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  private static TestServer server;

  @BeforeAll
  static void start() {
    // A route that answers 404 of its own, as a feature may for what it does not hold.
    server = TestServer.start(dataDir, config -> config.routes((app, services) -> app.get("/api/v1/gone", ctx -> {
      throw new NotFoundResponse();
    })));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      GET    | /api/v1/active-instals   | no such resource: GET /api/v1/active-instals (did you mean /api/v1/active-installs?)
      GET    | /api/v1/VERSIONS         | no such resource: GET /api/v1/VERSIONS (did you mean /api/v1/versions?)
      GET    | /api/v1/release-adopt    | no such resource: GET /api/v1/release-adopt (did you mean /api/v1/release-adoption?)
      DELETE | /api/v1/lifecylce        | no such resource: DELETE /api/v1/lifecylce
      GET    | /api/v1/lifecylce        | no such resource: GET /api/v1/lifecylce (did you mean /api/v1/lifecycle?)
      POST   | /telemetry/quer          | no such resource: POST /telemetry/quer (did you mean /telemetry/query?)
      GET    | /readz                   | no such resource: GET /readz (did you mean /readyz?)
      GET    | /api/v1/analytics/active-installs | no such resource: GET /api/v1/analytics/active-installs
      GET    | /nope                    | no such resource: GET /nope
      GET    | /api/v1/                 | no such resource: GET /api/v1/
      GET    | /api/v1/errors/abc/trnd  | no such resource: GET /api/v1/errors/abc/trnd
      GET    | /api/v1/gone             | no such resource: GET /api/v1/gone
      GET    | /api/v1/gon              | no such resource: GET /api/v1/gon (did you mean /api/v1/gone?)
      """)
  void aPathNoRouteAnswersNamesTheRoutesPathItProbablyMeant(String method, String path, String message)
      throws Exception {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .method(method, HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText()).isEqualTo(message);
  }
}
