package dev.pulse.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The answers Jetty gives itself, before any route (a request line or URI it cannot parse, headers
 * over its limit), in the error body every other answer has ({@link ErrorBodies}) instead of its
 * HTML page, with the headers every other answer has ({@link SafeHeaders}).
 */
final class ProtocolErrors extends ErrorHandler {

  /** A request Jetty could not parse at all: the body of its answer. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, ErrorBodies.JSON);
    SafeHeaders.addTo(fields);
    return ByteBuffer.wrap(ErrorBodies.body("HTTP_" + status, message(status, reason)));
  }

  /**
   * A request Jetty parsed but refused before any route; among them, every request that arrives on an
   * open connection while a stop drains (Jetty's graceful stop answers them 503).
   */
  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    SafeHeaders.addTo(baseRequest.getResponse().getHttpFields());
    Server server = baseRequest.getHttpChannel() == null ? null : baseRequest.getHttpChannel().getServer();
    if (response.getStatus() == 503 && server != null && (server.isStopping() || server.isStopped())) {
      answerStopping(response);
      return;
    }
    response.setContentType(ErrorBodies.JSON);
    response.getOutputStream().write(body(response.getStatus()));
  }

  /** What a request that came after a stop began is told ({@code /readyz} included), with 503. */
  static final String STOPPING = "the server is stopping: it finishes the requests it has and takes no new"
      + " ones; nothing of this request was kept, send it again later (to another server, if there is one)";

  /** The code of {@link #STOPPING}. */
  static final String STOPPING_CODE = "SERVER_STOPPING";

  private static void answerStopping(HttpServletResponse response) throws IOException {
    response.setStatus(503);
    response.setHeader("Retry-After", "5");
    response.setContentType(ErrorBodies.JSON);
    response.getOutputStream().write(ErrorBodies.body(STOPPING_CODE, STOPPING));
  }

  /** Jetty's request line and headers together may take 8 KiB (its default, kept). */
  static final int HEADER_BYTES = 8 * 1024;

  /**
   * Jetty says only "Bad Request" for each of these: a path it cannot read, and a Content-Length past
   * what a long holds.
   */
  static final String GENERIC_400 = "the request could not be read: its request line or a header is not valid HTTP"
      + " (a path escape that is not % with two hex digits, %00, a '..' or '..;' segment, or a Content-Length"
      + " too large to be a number of bytes); check the address and the headers";

  /**
   * Jetty's reasons can name its internals, and for a URI it cannot read say only "Bad Request";
   * the status alone tells which of its refusals this is, so the sentence says what to change.
   */
  static String message(int status) {
    return switch (status) {
      case 400 -> GENERIC_400;
      case 414 -> "the request could not be read: its address is longer than the " + HEADER_BYTES
          + " bytes the server reads; shorten the query";
      case 431 -> "the request could not be read: its headers are larger than the " + HEADER_BYTES
          + " bytes the server reads; send fewer or shorter headers";
      default -> "the request could not be read: " + HttpStatus.getMessage(status) + " (HTTP " + status + ")";
    };
  }

  /**
   * What is wrong, in our words, for the reasons Jetty's parser gives for a request's headers (its own
   * words blame the address, or name its internals); any other reason says what {@link #message(int)}
   * says.
   */
  static String message(int status, String reason) {
    String what = reason == null ? null : HEADER_FAULTS.entrySet().stream()
        .filter(fault -> reason.startsWith(fault.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    return what == null || status != 400 ? message(status) : "the request could not be read: " + what;
  }

  private static final String HOST_NOT_HOST_PORT =
      "its Host header is not a host name with an optional port from 1 to 65535";

  // Jetty 11's HttpParser reasons (BadMessageException), the start of each.
  private static final Map<String, String> HEADER_FAULTS = Map.ofEntries(
      Map.entry("Invalid Content-Length Value", "its Content-Length is not a number of bytes"),
      Map.entry("Multiple Content-Lengths", "it has two Content-Length headers that differ; send one"),
      Map.entry("Transfer-Encoding and Content-Length",
          "it has both a Transfer-Encoding and a Content-Length; send one of them"),
      Map.entry("Bad Transfer-Encoding, chunked not last",
          "its Transfer-Encoding is not chunked (or chunked is not its last coding); the only one taken is chunked"),
      Map.entry("Bad Transfer-Encoding, multiple chunked", "its Transfer-Encoding names chunked more than once"),
      Map.entry("No Host", "it has no Host header, which HTTP/1.1 requires"),
      Map.entry("Duplicate Host Header", "it has more than one Host header; send one"),
      Map.entry("Invalid Authority", HOST_NOT_HOST_PORT),
      Map.entry("Bad HostPort", HOST_NOT_HOST_PORT),
      Map.entry("Mismatched Authority", "its Host header names another host than its request line"),
      Map.entry("Line Folding not supported",
          "a header goes on on the next line (obsolete line folding); send each header on one line"),
      Map.entry("Whitespace not allowed after field name",
          "a header's name is followed by white space before its colon"),
      Map.entry("Illegal character", "its request line or a header holds a character HTTP does not allow there"),
      Map.entry("Bad EOL", "a line of its head ends with a bare CR or LF instead of CRLF"));

  private static byte[] body(int status) {
    return ErrorBodies.body("HTTP_" + status, message(status));
  }
}
