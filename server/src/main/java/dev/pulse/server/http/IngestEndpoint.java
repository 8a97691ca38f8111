package dev.pulse.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.pulse.server.ingest.GraphQlRequest;
import dev.pulse.server.ingest.IngestLimits;
import dev.pulse.server.ingest.IngestResult;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.store.StoreException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

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

  IngestEndpoint(Ingestor ingestor, ServerMetrics metrics) {
    this.ingestor = ingestor;
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
    try {
      byte[] body = read(ctx);
      IngestResult result = ingestor.ingestPlainTelemetries(body).orElseGet(() -> ingestor.ingest(parse(body)));
      ctx.status(200).contentType(ErrorBodies.JSON).result(responseWriter.writeValueAsBytes(result.body()));
    } catch (HttpProblem problem) {
      metrics.rejected(problem.code());
      throw problem;
    } catch (StoreException e) {
      metrics.rejected(HttpApp.STORE_UNAVAILABLE);
      throw e;
    } finally {
      metrics.requestTook(System.nanoTime() - start);
    }
  }

  /** The body, inflated, within the size limits. */
  private byte[] read(Context ctx) {
    checkContentType(ctx.header("Content-Type"));
    boolean gzip = gzipEncoded(ctx.header("Content-Encoding"));
    long declared = ctx.req().getContentLengthLong();
    if (declared > limits.maxCompressedBodyBytes()) {
      throw tooLarge(new BodyTooLargeException("maxCompressedBodyBytes", limits.maxCompressedBodyBytes()));
    }
    BoundedInputStream raw = null;
    try {
      raw =
          new BoundedInputStream(
              ctx.req().getInputStream(), limits.maxCompressedBodyBytes(), "maxCompressedBodyBytes");
      InputStream body = raw;
      if (gzip) {
        body = new GZIPInputStream(raw, 8192);
      }
      InputStream bounded = new BoundedInputStream(body, limits.maxBodyBytes(), "maxBodyBytes");
      if (gzip || declared < 0) {
        return bounded.readAllBytes();
      }
      // The size is known (and within the limit checked above): one array, not readAllBytes' chunks
      // and final copy, which were half of what a request allocated.
      byte[] bytes = new byte[(int) declared];
      int read = bounded.readNBytes(bytes, 0, bytes.length);
      return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
    } catch (IOException e) {
      throw problem(e, gzip, raw, limits);
    }
  }

  /** The body as a GraphQL request, for the general path. */
  private GraphQlRequest parse(byte[] body) {
    GraphQlRequest request;
    try {
      request = requestReader.readValue(body);
    } catch (IOException e) {
      throw problem(e, false, null, limits);
    }
    if (request == null) {
      throw new HttpProblem(400, "BAD_REQUEST", "the request body is JSON null, not a GraphQL request");
    }
    if (request.query() == null) {
      throw new HttpProblem(400, "MISSING_QUERY", "the request has no \"query\"");
    }
    return request;
  }

  private static HttpProblem problem(
      IOException e, boolean gzip, BoundedInputStream raw, IngestLimits limits) {
    BodyTooLargeException tooLarge = find(e, BodyTooLargeException.class);
    if (tooLarge != null) {
      if (tooLarge.limit().equals("maxBodyBytes")) {
        // Read the rest of the (already size-bounded) compressed body without inflating it, so that
        // the client reads our answer instead of a reset connection.
        drain(raw);
      }
      return tooLarge(tooLarge);
    }
    // Databind wraps parser failures met inside a value; the parser's own exception says what broke.
    StreamConstraintsException constraint = find(e, StreamConstraintsException.class);
    if (constraint != null && !String.valueOf(constraint.getOriginalMessage()).contains("nesting")) {
      return new HttpProblem(
          400, "JSON_TOO_LARGE", "a value of the request JSON is too large: " + constraint.getOriginalMessage());
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
      // Databind's own message names Java types (LinkedHashMap, ...): say which member is wrong instead.
      String member = json instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
          ? mismatch.getPath().get(0).getFieldName() : null;
      return new HttpProblem(
          400,
          "BAD_REQUEST",
          "the request body is not a GraphQL request ({\"query\":...,\"variables\":{...}}): "
              + (member == null
                  ? "it must be a JSON object"
                  : "\"" + member + "\" has the wrong type (query and operationName are strings,"
                      + " variables is an object)"));
    }
    if (gzip) {
      return new HttpProblem(400, "INVALID_GZIP", "the request body is not valid gzip: " + e.getMessage());
    }
    return new HttpProblem(400, "BODY_READ_FAILED", "the request body could not be read: " + e.getMessage());
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

  private static void drain(BoundedInputStream raw) {
    if (raw == null) {
      return;
    }
    try {
      byte[] buffer = new byte[8192];
      while (raw.read(buffer, 0, buffer.length) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // Over the compressed limit too, or the client went away: the connection will be closed.
    }
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
