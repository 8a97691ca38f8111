package dev.pulse.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.pulse.server.ingest.BadRequestException;
import dev.pulse.server.ingest.IngestLimits;
import dev.pulse.server.ingest.IngestResult;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.UnstorableContentException;
import dev.pulse.server.web.BodyTooLargeException;
import dev.pulse.server.web.BoundedInputStream;
import dev.pulse.server.web.Causes;
import dev.pulse.server.web.GzipFailures;
import dev.pulse.server.web.ErrorMessages;
import dev.pulse.server.web.HttpProblem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/**
 * {@code POST /telemetry/query}: checks the transport (content type, encoding, body size) and reads
 * the body, inflated, from a bounded stream, then hands the bytes to one {@link Ingestor#ingest} call.
 * Transport problems are answered here (400, 413, 415), and a body that is not a GraphQL request
 * (400) before GraphQL sees anything; GraphQL problems come back as HTTP 200 with {@code errors}, as
 * the wire contract says.
 *
 * <p>Thread-safe: the JSON writer is built once.
 */
final class IngestEndpoint implements Handler {

  private final Ingestor ingestor;
  private final IngestLimits limits;
  private final ServerMetrics metrics;
  private final ObjectWriter responseWriter;
  private final AsyncBodyReader bodyReader;

  IngestEndpoint(Ingestor ingestor, ServerMetrics metrics, AsyncBodyReader bodyReader) {
    this.ingestor = ingestor;
    this.bodyReader = bodyReader;
    this.limits = ingestor.limits();
    this.metrics = metrics;
    this.responseWriter = new ObjectMapper(limits.jsonFactory()).writer();
  }

  @Override
  public void handle(Context ctx) throws Exception {
    long start = System.nanoTime();
    boolean gzip;
    try {
      gzip = checkTransport(ctx);
    } catch (HttpProblem problem) {
      finished(problem, start);
      throw problem;
    }
    // The body arrives without holding a thread; ingestion runs on the thread that reads its end.
    ctx.future(
        () -> {
          try {
            return bodyReader
                .read(ctx.req(), limits.maxCompressedBodyBytes(), "maxCompressedBodyBytes",
                    (raw, failure, hold) -> answer(ctx, raw, failure, gzip, hold))
                .whenComplete((ignored, failure) -> finished(failure, start));
          } catch (IOException e) {
            return CompletableFuture.failedFuture(problem(e, false));
          }
        });
  }

  /** Ingests a body that arrived whole; throws the problem of one that did not. */
  private Void answer(Context ctx, byte[] raw, Throwable failure, boolean gzip, BodyBudget.Hold hold) {
    if (failure != null) {
      RuntimeException problem = stopping(ctx) ? new HttpProblem(503, "SERVER_STOPPING", "the server is stopping and"
          + " did not get this request's whole body; nothing of it was kept, retry later") : arrivalProblem(failure);
      if (problem instanceof HttpProblem http && (http.status() == 408 || http.status() == 503)) {
        ctx.header("Connection", "close"); // the rest of the body is not worth waiting for
      }
      throw problem;
    }
    IngestResult result;
    try {
      result = ingestor.ingest(inflate(raw, gzip, hold));
    } catch (BadRequestException e) {
      throw new HttpProblem(400, e.code(), e.getMessage());
    }
    try {
      ctx.status(200).contentType(ErrorBodies.JSON).result(responseWriter.writeValueAsBytes(ErrorMessages.sanitizeErrors(result.body())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ingest result always serializes", e);
    }
    return null;
  }

  private void finished(Throwable failure, long start) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof HttpProblem problem) {
      metrics.rejected(problem.code());
    } else if (cause instanceof UnstorableContentException) {
      metrics.rejected(HttpApp.UNSTORABLE_CONTENT);
    } else if (cause instanceof StoreException) {
      metrics.rejected(HttpApp.STORE_UNAVAILABLE);
    }
    metrics.requestTook(System.nanoTime() - start);
  }

  /** Checks the headers and the declared length; whether the body is gzip. */
  private boolean checkTransport(Context ctx) {
    checkContentType(ctx.header("Content-Type"));
    boolean gzip = gzipEncoded(ctx.header("Content-Encoding"));
    long declared = ctx.req().getContentLengthLong();
    if (declared > limits.maxCompressedBodyBytes()) {
      ctx.header("Connection", "close"); // the body it announced is not worth waiting for
      throw tooLarge(new BodyTooLargeException("maxCompressedBodyBytes", limits.maxCompressedBodyBytes()));
    }
    return gzip;
  }

  /** Whether the server is stopping: a body it stops reading then was cut by the stop, not by the client. */
  private static boolean stopping(Context ctx) {
    Request request = Request.getBaseRequest(ctx.req());
    Server server = request == null || request.getHttpChannel() == null ? null : request.getHttpChannel().getServer();
    return server != null && (server.isStopping() || server.isStopped());
  }

  /** Why a body did not arrive whole, as an answer. */
  private RuntimeException arrivalProblem(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof HttpProblem problem) {
      return problem;
    }
    if (cause instanceof BadMessageException bad) {
      // Jetty's own guards (e.g. its minimum data rate) answer with their status, in our words.
      return new HttpProblem(bad.getCode(), bad.getCode() == 408 ? "REQUEST_TIMEOUT" : "BAD_REQUEST",
          "the request body could not be read (HTTP " + bad.getCode() + ")");
    }
    if (cause instanceof IOException io) {
      return problem(io, false);
    }
    return new HttpProblem(400, "BODY_READ_FAILED", "the request body could not be read");
  }

  /** The body, inflated when gzip, within {@code maxBodyBytes}; the inflated bytes count against {@code hold}. */
  private byte[] inflate(byte[] raw, boolean gzip, BodyBudget.Hold hold) {
    if (!gzip) {
      if (raw.length > limits.maxBodyBytes()) {
        throw tooLarge(new BodyTooLargeException("maxBodyBytes", limits.maxBodyBytes()));
      }
      return raw;
    }
    HeldBytes out = new HeldBytes(hold, -1);
    try (InputStream inflated =
        new BoundedInputStream(
            new GZIPInputStream(new ByteArrayInputStream(raw), 8192), limits.maxBodyBytes(), "maxBodyBytes")) {
      byte[] buffer = new byte[8192];
      for (int n = inflated.read(buffer); n >= 0; n = inflated.read(buffer)) {
        if (!out.write(buffer, 0, n)) {
          throw hold.full();
        }
      }
    } catch (IOException e) {
      throw problem(e, true);
    }
    byte[] whole = out.toByteArray();
    if (whole == null) {
      throw hold.full();
    }
    return whole;
  }

  /** Why the body could not be read or inflated, as an answer. */
  private static HttpProblem problem(IOException e, boolean gzip) {
    BodyTooLargeException tooLarge = Causes.find(e, BodyTooLargeException.class);
    if (tooLarge != null) {
      return tooLarge(tooLarge);
    }
    if (gzip) {
      return new HttpProblem(400, "INVALID_GZIP", "the request body is not valid gzip: " + GzipFailures.describe(e));
    }
    return new HttpProblem(400, "BODY_READ_FAILED", "the request body could not be read: " + e.getMessage());
  }

  private static HttpProblem tooLarge(BodyTooLargeException e) {
    return new HttpProblem(413, "BODY_TOO_LARGE", e.getMessage());
  }

  private static void checkContentType(String contentType) {
    if (contentType == null) {
      throw unsupportedType("none");
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    if (!mediaType.equalsIgnoreCase("application/json")) {
      throw unsupportedType(contentType);
    }
    if (semicolon >= 0) {
      String parameters = contentType.substring(semicolon + 1).trim().toLowerCase(java.util.Locale.ROOT);
      if (parameters.startsWith("charset=")) {
        String charset = parameters.substring("charset=".length()).replace("\"", "").trim();
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw unsupportedType(contentType);
        }
      }
    }
  }

  private static HttpProblem unsupportedType(String contentType) {
    return new HttpProblem(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "the request's Content-Type is " + contentType + "; send application/json (UTF-8)");
  }

  private static boolean gzipEncoded(String encoding) {
    if (encoding == null || encoding.isEmpty() || encoding.equalsIgnoreCase("identity")) {
      return false;
    }
    if (encoding.trim().equalsIgnoreCase("gzip")) {
      return true;
    }
    throw new HttpProblem(
        415,
        "UNSUPPORTED_CONTENT_ENCODING",
        "the request's Content-Encoding is " + encoding + "; send gzip or no encoding");
  }
}
