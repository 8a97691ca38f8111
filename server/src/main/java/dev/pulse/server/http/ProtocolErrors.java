package dev.pulse.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The answers Jetty gives itself, before any route (a request line or URI it cannot parse, headers
 * over its limit), in the error body every other answer has ({@link ErrorBodies}) instead of its
 * HTML page.
 */
final class ProtocolErrors extends ErrorHandler {

  /** A request Jetty could not parse at all: the body of its answer. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, ErrorBodies.JSON);
    return ByteBuffer.wrap(body(status));
  }

  /** A request Jetty parsed but refused before any route. */
  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType(ErrorBodies.JSON);
    response.getOutputStream().write(body(response.getStatus()));
  }

  /** Jetty's reasons can name its internals; the standard phrase of the status says enough. */
  private static byte[] body(int status) {
    return ErrorBodies.body("HTTP_" + status,
        "the request could not be read: " + HttpStatus.getMessage(status) + " (HTTP " + status + ")");
  }
}
