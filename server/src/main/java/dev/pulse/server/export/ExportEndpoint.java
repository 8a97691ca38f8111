package dev.pulse.server.export;

import dev.pulse.server.http.HttpProblem;
import dev.pulse.server.store.EventStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * {@code GET /api/v1/export/{events|cli|errors}}: every stored record of a kind as NDJSON
 * ({@link ExportFormat}), oldest first, streamed from the store without holding the export in
 * memory. Authentication is the {@code /api/} guard's job.
 */
public final class ExportEndpoint {

  /** The route. */
  public static final String PATH = "/api/v1/export/{kind}";

  private final EventStore store;

  public ExportEndpoint(EventStore store) {
    this.store = store;
  }

  /** Adds the route to an app. */
  public void addTo(Javalin app) {
    app.get(PATH, this::handle);
  }

  private void handle(Context ctx) throws IOException {
    String name = ctx.pathParam("kind");
    ExportKind kind =
        ExportKind.fromPathName(name)
            .orElseThrow(
                () ->
                    new HttpProblem(
                        404,
                        "NOT_FOUND",
                        "no export of kind '" + name + "'; the kinds are events, cli and errors"));
    ctx.status(200).contentType(ExportFormat.MEDIA_TYPE);
    ExportWriter.write(store, kind, ctx.outputStream());
  }
}
