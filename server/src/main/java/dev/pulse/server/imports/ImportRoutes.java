package dev.pulse.server.imports;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.web.BodyTooLargeException;
import dev.pulse.server.web.BoundedInputStream;
import dev.pulse.server.web.Causes;
import dev.pulse.server.web.ErrorMessages;
import dev.pulse.server.web.ContentCoding;
import dev.pulse.server.web.GzipFailures;
import dev.pulse.server.web.GzipMembers;
import dev.pulse.server.web.HeaderValues;
import dev.pulse.server.web.ParameterErrors;
import dev.pulse.server.web.QueryParameters;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/import?kind=events|cli|errors}: stores an NDJSON export ({@code docs/api.md})
 * (gzip with {@code Content-Encoding: gzip}; at most {@link #MAX_IMPORT_BYTES} as sent and as
 * inflated) in one batch, all or nothing, skipping records already stored; answers
 * {@code {"imported":n,"skipped":n}}, or 400/413 {@code {"error","parameter"}}. Behind the admin
 * token, like everything under {@code /api/}.
 */
public final class ImportRoutes implements Routes {

  /** The largest import body accepted, in bytes; larger imports go through {@code pulse import}. */
  public static final long MAX_IMPORT_BYTES = 64L * 1024 * 1024;

  /** The route. */
  public static final String PATH = "/api/v1/import";

  private final Duration idleTimeout;

  /**
   * The route, on a server that closes a connection idle for {@code idleTimeout}: an import whose body
   * stops arriving that long is answered 408 ({@code PULSE_IDLE_TIMEOUT_SECONDS}).
   */
  public ImportRoutes(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  @Override
  public void register(Javalin app, ServerServices services) {
    EventStore store = services.store();
    app.post(PATH, ctx -> importRecords(ctx, store));
  }

  private void importRecords(Context ctx, EventStore store) {
    Optional<QueryParameters.Refusal> refusal =
        QueryParameters.refusal(ctx, List.of("kind"), "an import");
    if (refusal.isPresent()) {
      error(ctx, 400, refusal.get().reason(), refusal.get().parameter());
      return;
    }
    if (ctx.queryParam("kind") == null) {
      error(ctx, 400, "the kind parameter is missing: give kind=events, cli or errors", "kind");
      return;
    }
    Optional<RecordKind> named = RecordKind.find(ctx.queryParam("kind"));
    if (named.isEmpty()) {
      error(ctx, 400, "kind must be events, cli or errors, not " + ErrorMessages.quoted(ctx.queryParam("kind")),
          "kind");
      return;
    }
    RecordKind kind = named.get();
    long length = ctx.req().getContentLengthLong();
    if (length > MAX_IMPORT_BYTES) {
      ctx.header("Connection", "close"); // refused on its headers: its body is not read
      error(ctx, 413, "the body has " + length + " bytes; at most " + MAX_IMPORT_BYTES
          + " are accepted (pulse import --server sends a larger file in parts)", "body");
      return;
    }
    String encoding = HeaderValues.joined(ctx, "Content-Encoding");
    ContentCoding coding = ContentCoding.of(encoding);
    if (coding == ContentCoding.UNSUPPORTED) {
      error(ctx, 415, "the body's Content-Encoding is " + ErrorMessages.cut(encoding.strip().toLowerCase(Locale.ROOT))
          + "; send gzip or no encoding", "Content-Encoding");
      return;
    }
    boolean gzip = coding == ContentCoding.GZIP;
    BoundedInputStream sent = new BoundedInputStream(ctx.bodyInputStream(), MAX_IMPORT_BYTES, "the import limit");
    // Inflated, the import is bounded again: it is held whole, all or nothing. Gzip that is not gzip
    // fails as it is read, below.
    InputStream body =
        gzip ? new BoundedInputStream(new GzipMembers(sent, 1 << 16), MAX_IMPORT_BYTES, "the import limit") : sent;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body,
        StandardCharsets.UTF_8.newDecoder()))) { // a decoder refuses bytes that are not UTF-8, not replaces them
      // One batch: an import over HTTP is all or nothing.
      ImportResult result = new NdjsonImporter(store, Integer.MAX_VALUE).importFrom(lines, kind);
      ctx.contentType("application/json")
          .result("{\"imported\":" + result.imported() + ",\"skipped\":" + result.skipped() + "}");
    } catch (ImportException e) {
      error(ctx, 400, e.getMessage(), "body");
    } catch (IOException | UncheckedIOException e) {
      if (Causes.find(e, BodyTooLargeException.class) != null) {
        error(ctx, 413, "the body exceeds " + MAX_IMPORT_BYTES + " bytes (pulse import --server sends a larger file"
            + " in parts)", "body");
      } else if (gzip && GzipFailures.isGzipFailure(e)) {
        error(ctx, 400, notGzip(e), "body");
      } else if (Causes.find(e, EOFException.class) != null) {
        error(ctx, 400, "the body ended before " + (length >= 0 ? "the " + length
            + " bytes its Content-Length announced" : "its last chunk") + "; nothing was imported", "body");
      } else if (Causes.find(e, TimeoutException.class) != null) {
        ctx.header("Connection", "close");
        error(ctx, 408, "no byte of the body arrived for " + idleTimeout.toSeconds() + " s (the server's"
            + " PULSE_IDLE_TIMEOUT_SECONDS), " + sent.bytesRead() + (length >= 0 ? " of its " + length : "")
            + " bytes were read; nothing was imported: send it again", "body");
      } else {
        error(ctx, 400, "the body could not be read to its end (the connection failed or stalled);"
            + " nothing was imported", "body");
      }
    }
  }

  private static String notGzip(Exception e) {
    return "the body is not valid gzip, as its Content-Encoding says: " + GzipFailures.describe(e)
        + "; nothing was imported";
  }

  private static void error(Context ctx, int status, String message, String parameter) {
    ctx.status(status).json(ParameterErrors.body(message, parameter));
  }
}
