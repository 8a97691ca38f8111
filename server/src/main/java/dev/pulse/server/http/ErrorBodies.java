package dev.pulse.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.web.ErrorMessages;
import dev.pulse.server.web.HttpProblem;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Renders error answers as {@code {"errors":[{"message":...,"extensions":{"code":...}}]}}; every
 * message passes through {@link ErrorMessages#sanitize}.
 */
public final class ErrorBodies {

  /** The JSON content type of every answer. */
  public static final String JSON = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorBodies() {}

  /** Answers the problem: its status and its body. */
  public static void answer(Context ctx, HttpProblem problem) {
    answer(ctx, problem.status(), problem.code(), problem.getMessage());
  }

  /** Answers with a status and an error body, which no cache keeps (a static file's path included). */
  public static void answer(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType(JSON).header(SafeHeaders.CACHE_HEADER, SafeHeaders.NO_STORE)
        .result(body(code, message));
  }

  /** The error body as JSON bytes. */
  public static byte[] body(String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", ErrorMessages.sanitize(message));
    error.put("extensions", Map.of("code", code));
    try {
      return MAPPER.writeValueAsBytes(Map.of("errors", List.of(error)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  /**
   * Answers a request refused before any route (a handler in front of Javalin's), 400 {@code code} with
   * our headers, and closes its connection: what follows on it is not to be trusted.
   */
  static void refuseBeforeRoutes(Request baseRequest, HttpServletResponse response, String code, String message)
      throws IOException {
    baseRequest.setHandled(true);
    SafeHeaders.addTo(baseRequest.getResponse().getHttpFields());
    response.setStatus(400);
    response.setHeader(HttpHeader.CONNECTION.asString(), "close");
    response.setContentType(JSON);
    response.getOutputStream().write(body(code, message));
  }
}
