package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JSON answers, errors included, carry {@code Cache-Control: no-store} and {@code nosniff}. */
class SafeHeadersTest {

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  static TestServer server() {
    return shared.server();
  }

  @Test
  void apiAnswersAndErrorsAreNotCachedNorSniffed() {
    assertSafe(server().get("/api/v1/export/events", TestServer.ADMIN_TOKEN), 200);
    assertSafe(server().get("/api/v1/export/events", null), 401);
    assertSafe(server().get("/api/v1/export/nope", TestServer.ADMIN_TOKEN), 404);
    assertSafe(server().get("/no/such/path", null), 404);
    assertSafe(server().get("/dashboard/nope.js", null), 404); // a static file's path, but no file: not cached
    assertSafe(server().postTelemetry("{not json"), 400);
    assertSafe(server().postTelemetry(Bodies.telemetries(1)), 200);
    assertSafe(server().get("/healthz", null), 200);
  }

  @Test
  void staticAssetsMayBeCachedButAreNotSniffed() {
    HttpResponse<String> asset = server().get("/dashboard/lib/uplot.js", null);
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(asset.headers().firstValue("Cache-Control")).isEmpty();
  }

  private static void assertSafe(HttpResponse<String> response, int status) {
    String what = response.request().method() + " " + response.uri().getPath();
    assertThat(response.statusCode()).as(what).isEqualTo(status);
    assertThat(response.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
  }
}
