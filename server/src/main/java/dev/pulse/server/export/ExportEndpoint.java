package dev.pulse.server.export;

import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.RecordSource;
import dev.pulse.server.web.HttpProblem;
import dev.pulse.server.web.QueryParameters;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/export/{events|cli|errors}}: every stored record of a kind as NDJSON
 * ({@link ExportFormat}), in the order stored, streamed from the store without holding the export in
 * memory; {@code ?from=YYYY-MM-DD&to=YYYY-MM-DD} (UTC days, inclusive, either optional) only those
 * received on those days ({@link ExportRange}). Authentication is the {@code /api/} guard's job. An
 * export that fails before its first bytes are sent gets the usual error answer; one that fails later
 * is aborted (no clean end of the chunked body), never ended as if complete.
 */
public final class ExportEndpoint implements Routes {

  /** The route. */
  public static final String PATH = "/api/v1/export/{kind}";

  private static final Logger LOG = LoggerFactory.getLogger(ExportEndpoint.class);

  private final RecordSource store;

  /** The export of what {@code store} holds. */
  public ExportEndpoint(RecordSource store) {
    this.store = store;
  }

  @Override
  public void register(Javalin app, ServerServices services) {
    app.get(PATH, ctx -> handle(ctx, store));
    // The connection is already gone: there is nothing left to answer.
    app.exception(ExportAborted.class, (aborted, ctx) -> {});
  }

  private static void handle(Context ctx, RecordSource store) throws IOException {
    String name = ctx.pathParam("kind");
    QueryParameters.require(ctx, List.of("from", "to"), "an export");
    ExportRange range;
    try {
      range = ExportRange.parse(ctx.queryParam("from"), ctx.queryParam("to"));
    } catch (ExportRange.BadRangeException e) {
      throw new HttpProblem(400, "BAD_PARAMETER", e.parameter() + ": " + e.getMessage());
    }
    RecordKind kind =
        RecordKind.fromPathName(name)
            .orElseThrow(
                () ->
                    new HttpProblem(
                        404,
                        "NOT_FOUND",
                        "no export of kind '" + name + "'; the kinds are events, cli and errors"));
    ctx.status(200).contentType(ExportFormat.MEDIA_TYPE);
    try {
      ExportWriter.write(store, kind, range, ctx.outputStream());
    } catch (RuntimeException | IOException e) {
      if (!ctx.res().isCommitted()) {
        ctx.res().resetBuffer(); // nothing sent yet: the failure gets its usual error answer
        throw e;
      }
      throw abort(ctx, e);
    }
  }

  /**
   * Ends a started export abnormally: the chunked body gets no last chunk and the connection is
   * closed, so every HTTP client reports an error instead of a complete-looking file.
   */
  private static ExportAborted abort(Context ctx, Exception failure) {
    if (!clientGone(failure)) {
      LOG.warn("export of {} failed after its first bytes; connection aborted: {}", ctx.path(), failure.getMessage());
    } else if (Request.getBaseRequest(ctx.req()).getHttpChannel().getServer().isStopping()) {
      LOG.warn("export of {} stopped before its end: the server stopped (a stop gives a connection whose client"
          + " does not keep reading one second)", ctx.path());
    } else {
      // Writing to the client failed: it went away (closed early, timed out), not the server's problem.
      LOG.info("export of {} stopped before its end: the client closed the connection", ctx.path());
    }
    Request.getBaseRequest(ctx.req()).getHttpChannel().abort(failure);
    return new ExportAborted();
  }

  /** Whether writing to the client failed (an I/O error, wrapped or not, on the way out). */
  private static boolean clientGone(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** Thrown once the connection is aborted, so that no error answer is written after it. */
  private static final class ExportAborted extends RuntimeException {
    ExportAborted() {
      super("export aborted", null, false, false);
    }
  }
}
