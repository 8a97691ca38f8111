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
import dev.pulse.server.web.ContentCoding;
import dev.pulse.server.web.GzipFailures;
import dev.pulse.server.web.GzipMembers;
import dev.pulse.server.web.ErrorMessages;
import dev.pulse.server.web.HeaderValues;
import dev.pulse.server.web.HttpProblem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
            return CompletableFuture.failedFuture(BodyArrival.readFailure(e));
          }
        });
  }

  /** Ingests a body that arrived whole; throws the problem of one that did not. */
  private Void answer(Context ctx, byte[] raw, Throwable failure, boolean gzip, BodyBudget.Hold hold) {
    if (failure != null) {
      throw BodyArrival.refusal(ctx, failure);
    }
    IngestResult result;
    try {
      result = ingestor.ingest(inflate(raw, gzip, hold));
    } catch (BadRequestException e) {
      throw new HttpProblem(400, e.code(), e.getMessage());
    }
    try {
      ctx.status(200).contentType(ErrorBodies.JSON)
          .result(responseWriter.writeValueAsBytes(ErrorMessages.sanitizeErrors(result.body())));
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
      metrics.rejected(FailureAnswers.UNSTORABLE_CONTENT);
    } else if (cause instanceof StoreException) {
      metrics.rejected(FailureAnswers.STORE_UNAVAILABLE);
    }
    metrics.requestTook(System.nanoTime() - start);
  }

  /** Checks the headers and the declared length; whether the body is gzip. */
  private boolean checkTransport(Context ctx) {
    checkContentType(HeaderValues.joined(ctx, "Content-Type"));
    boolean gzip = gzipEncoded(HeaderValues.joined(ctx, "Content-Encoding"));
    long declared = ctx.req().getContentLengthLong();
    if (declared > limits.maxCompressedBodyBytes()) {
      ctx.header("Connection", "close"); // the body it announced is not worth waiting for
      throw BodyArrival.tooLarge(new BodyTooLargeException("maxCompressedBodyBytes", limits.maxCompressedBodyBytes()));
    }
    return gzip;
  }

  /** The body, inflated when gzip, within {@code maxBodyBytes}; the inflated bytes count against {@code hold}. */
  private byte[] inflate(byte[] raw, boolean gzip, BodyBudget.Hold hold) {
    if (!gzip) {
      if (raw.length > limits.maxBodyBytes()) {
        throw BodyArrival.tooLarge(new BodyTooLargeException("maxBodyBytes", limits.maxBodyBytes()));
      }
      return raw;
    }
    HeldBytes out = new HeldBytes(hold, -1);
    try (InputStream inflated =
        new BoundedInputStream(
            new GzipMembers(new ByteArrayInputStream(raw), 8192), limits.maxBodyBytes(), "maxBodyBytes")) {
      byte[] buffer = new byte[8192];
      for (int n = inflated.read(buffer); n >= 0; n = inflated.read(buffer)) {
        if (!out.write(buffer, 0, n)) {
          throw hold.full();
        }
      }
    } catch (IOException e) {
      throw inflateFailure(e);
    }
    byte[] whole = out.toByteArray();
    if (whole == null) {
      throw hold.full();
    }
    return whole;
  }

  /** Why the body could not be inflated, as an answer. */
  private static HttpProblem inflateFailure(IOException e) {
    if (Causes.find(e, BodyTooLargeException.class) != null) {
      return BodyArrival.readFailure(e);
    }
    return new HttpProblem(400, "INVALID_GZIP", "the request body is not valid gzip: " + GzipFailures.describe(e));
  }

  private static void checkContentType(String contentType) {
    if (contentType == null) {
      throw unsupportedType(null);
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
        "the request's Content-Type is " + (contentType == null ? "none" : ErrorMessages.cut(contentType))
            + "; send application/json (UTF-8)");
  }

  private static boolean gzipEncoded(String encoding) {
    ContentCoding coding = ContentCoding.of(encoding);
    if (coding != ContentCoding.UNSUPPORTED) {
      return coding == ContentCoding.GZIP;
    }
    throw new HttpProblem(
        415,
        "UNSUPPORTED_CONTENT_ENCODING",
        "the request's Content-Encoding is " + ErrorMessages.cut(encoding) + "; send gzip or no encoding");
  }
}
