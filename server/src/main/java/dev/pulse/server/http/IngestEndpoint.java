package dev.pulse.server.http;

import dev.pulse.server.web.BodyTooLargeException;
import dev.pulse.server.web.BoundedInputStream;
import dev.pulse.server.web.HttpProblem;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.pulse.server.ingest.GraphQlRequest;
import dev.pulse.server.ingest.IngestLimits;
import dev.pulse.server.ingest.IngestResult;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.UnstorableContentException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.BadMessageException;

/**
 * {@code POST /telemetry/query}: checks the transport (content type, encoding, body size) and reads
 * the body, inflated, from a bounded stream. The {@link Ingestor} takes a plain {@code SendTelemetries}
 * straight from those bytes; any other body is parsed into a {@link GraphQlRequest} for graphql-java.
 * Transport problems are answered here (400, 413, 415) before GraphQL sees anything; GraphQL problems
 * come back as HTTP 200 with {@code errors}, as the wire contract says.
 *
 * <p>Thread-safe: the JSON reader and writer are built once.
 */
final class IngestEndpoint implements Handler {

  private final Ingestor ingestor;
  private final IngestLimits limits;
  private final ServerMetrics metrics;
  private final ObjectReader requestReader;
  private final ObjectWriter responseWriter;
  private final AsyncBodyReader bodyReader;

  IngestEndpoint(Ingestor ingestor, ServerMetrics metrics, AsyncBodyReader bodyReader) {
    this.ingestor = ingestor;
    this.bodyReader = bodyReader;
    this.limits = ingestor.limits();
    this.metrics = metrics;
    ObjectMapper mapper = new ObjectMapper(limits.jsonFactory());
    this.requestReader =
        mapper
            .readerFor(GraphQlRequest.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.responseWriter = mapper.writer();
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
                .read(ctx.req(), limits.maxCompressedBodyBytes(), "maxCompressedBodyBytes")
                .handle((raw, failure) -> answer(ctx, raw, failure, gzip))
                .whenComplete((ignored, failure) -> finished(failure, start));
          } catch (IOException e) {
            return CompletableFuture.failedFuture(problem(e, false, limits));
          }
        });
  }

  /** Ingests a body that arrived whole; throws the problem of one that did not. */
  private Void answer(Context ctx, byte[] raw, Throwable failure, boolean gzip) {
    if (failure != null) {
      RuntimeException problem = arrivalProblem(failure);
      if (problem instanceof HttpProblem http && http.status() == 408) {
        ctx.header("Connection", "close"); // the rest of the body is not worth waiting for
      }
      throw problem;
    }
    byte[] body = inflate(raw, gzip);
    IngestResult result = ingestor.ingestPlainTelemetries(body).orElseGet(() -> ingestor.ingest(parse(body)));
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
      throw tooLarge(new BodyTooLargeException("maxCompressedBodyBytes", limits.maxCompressedBodyBytes()));
    }
    return gzip;
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
      return problem(io, false, limits);
    }
    return new HttpProblem(400, "BODY_READ_FAILED", "the request body could not be read");
  }

  /** The body, inflated when gzip, within {@code maxBodyBytes}. */
  private byte[] inflate(byte[] raw, boolean gzip) {
    if (!gzip) {
      if (raw.length > limits.maxBodyBytes()) {
        throw tooLarge(new BodyTooLargeException("maxBodyBytes", limits.maxBodyBytes()));
      }
      return raw;
    }
    try (InputStream inflated =
        new BoundedInputStream(
            new GZIPInputStream(new ByteArrayInputStream(raw), 8192), limits.maxBodyBytes(), "maxBodyBytes")) {
      return inflated.readAllBytes();
    } catch (IOException e) {
      throw problem(e, true, limits);
    }
  }

  /** The body as a GraphQL request, for the general path. */
  private GraphQlRequest parse(byte[] body) {
    GraphQlRequest request;
    try {
      request = requestReader.readValue(body);
    } catch (IOException e) {
      throw problem(e, false, limits);
    }
    if (request == null) {
      throw new HttpProblem(400, "BAD_REQUEST", "the request body is JSON null, not a GraphQL request");
    }
    if (request.query() == null) {
      throw new HttpProblem(400, "MISSING_QUERY", "the request has no \"query\"");
    }
    return request;
  }

  private static HttpProblem problem(IOException e, boolean gzip, IngestLimits limits) {
    BodyTooLargeException tooLarge = find(e, BodyTooLargeException.class);
    if (tooLarge != null) {
      return tooLarge(tooLarge);
    }
    // Databind wraps parser failures met inside a value; the parser's own exception says what broke.
    StreamConstraintsException constraint = find(e, StreamConstraintsException.class);
    if (constraint != null && !String.valueOf(constraint.getOriginalMessage()).contains("nesting")) {
      return new HttpProblem(400, "JSON_TOO_LARGE", tooLargeValue(constraint.getOriginalMessage()));
    }
    if (constraint != null) {
      return new HttpProblem(
          400,
          "JSON_TOO_DEEP",
          "the request JSON is nested more than "
              + limits.maxJsonNestingDepth()
              + " levels deep; an error's cause chain may hold at most "
              + limits.maxCauseDepth()
              + " errors (maxCauseDepth)");
    }
    JsonParseException parse = find(e, JsonParseException.class);
    if (parse != null) {
      String detail = parse.getOriginalMessage();
      if (detail != null && detail.startsWith("Invalid UTF-8")) {
        return new HttpProblem(
            400, "INVALID_UTF8", "the request body is not valid UTF-8: " + detail + location(parse));
      }
      return new HttpProblem(
          400, "MALFORMED_JSON", "the request body is not valid JSON: " + detail + location(parse));
    }
    if (e instanceof JsonProcessingException json) {
      return new HttpProblem(
          400,
          "BAD_REQUEST",
          "the request body is not a GraphQL request ({\"query\":...,\"variables\":{...}}): "
              + RequestShape.describe(json));
    }
    if (gzip) {
      return new HttpProblem(400, "INVALID_GZIP", "the request body is not valid gzip: " + e.getMessage());
    }
    return new HttpProblem(400, "BODY_READ_FAILED", "the request body could not be read: " + e.getMessage());
  }

  // Jackson's own words name its classes; these say which limit, in ours.
  private static String tooLargeValue(String detail) {
    String d = String.valueOf(detail);
    if (d.startsWith("Number")) {
      return "a number in the request JSON is too large: it has more than 1000 digits";
    }
    if (d.startsWith("String")) {
      return "a string in the request JSON is too large for the parser (maxBodyBytes)";
    }
    if (d.startsWith("Name")) {
      return "a field name in the request JSON is too large for the parser";
    }
    return "the request JSON is too large for the parser (maxBodyBytes)";
  }

  private static String location(JsonProcessingException e) {
    if (e.getLocation() == null) {
      return "";
    }
    return " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
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
