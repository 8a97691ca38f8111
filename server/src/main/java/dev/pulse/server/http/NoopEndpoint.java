package dev.pulse.server.http;

import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /bench/noop}: reads the body and answers as the telemetry endpoint would, storing
 * nothing. Only for the ingest benchmark, which compares the two to find the HTTP layer's limit on
 * the same machine; off unless {@code pulse serve --bench-noop-endpoint}.
 */
public final class NoopEndpoint implements Routes {

  private static final byte[] ANSWER = "{\"data\":{\"sendTelemetries\":true}}".getBytes(StandardCharsets.UTF_8);

  @Override
  public void register(Javalin app, ServerServices services) {
    app.post(
        "/bench/noop",
        ctx -> {
          try (InputStream body = ctx.req().getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
          }
          ctx.contentType("application/json").result(ANSWER);
        });
  }
}
