package dev.pulse.cli.access;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.cli.failure.CliFailure;
import dev.pulse.server.errorjson.ReportedErrorJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * An answer of {@code --server}, checked to be Pulse's before anything of it is written or printed:
 * each route answers with its own media type (and a backup with its file name, JSON with its shape),
 * which a page of another server at that address does not have. An error answer is told in words
 * ({@link #failureOf}).
 */
public final class ServerAnswer {

  private ServerAnswer() {}

  /**
   * {@code answer}, a 2xx, if its media type is {@code mediaType} (and its {@code Content-Disposition}
   * names a file starting with {@code fileNamePrefix}, when not null); otherwise it is not Pulse's and
   * the command stops with a usage mistake: --server is not the address of a Pulse server.
   */
  public static HttpResponse<InputStream> requirePulse(HttpResponse<InputStream> answer, String mediaType,
      String fileNamePrefix) throws IOException {
    String type = answer.headers().firstValue("Content-Type").orElse("");
    boolean pulse = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(mediaType);
    if (pulse && fileNamePrefix != null) {
      pulse = answer.headers().firstValue("Content-Disposition").orElse("").contains("filename=\"" + fileNamePrefix);
    }
    if (!pulse) {
      answer.body().close();
      throw notPulse(answer.uri(), answer.statusCode());
    }
    return answer;
  }

  /**
   * The JSON body of {@code answer}, a 2xx, if it is Pulse's: {@code application/json} of the shape
   * {@code isPulse} accepts; otherwise a usage mistake, as {@link #requirePulse}.
   */
  public static JsonNode pulseJson(HttpResponse<InputStream> answer, Predicate<JsonNode> isPulse) throws IOException {
    return pulseAnswer(answer, isPulse).tree();
  }

  /** A Pulse answer read once: its text as the server sent it, and that text as JSON. */
  public record PulseJson(String text, JsonNode tree) {}

  /** As {@link #pulseJson}, with the answer's text as the server sent it too. */
  public static PulseJson pulseAnswer(HttpResponse<InputStream> answer, Predicate<JsonNode> isPulse)
      throws IOException {
    requirePulse(answer, "application/json", null);
    byte[] body = readAll(answer);
    JsonNode json = json(body);
    if (json == null || !isPulse.test(json)) {
      throw notPulse(answer.uri(), answer.statusCode());
    }
    return new PulseJson(new String(body, StandardCharsets.UTF_8), json);
  }

  /** The whole body; one that stops coming before its end is a failure saying so. */
  public static byte[] readAll(HttpResponse<InputStream> answer) {
    try (InputStream in = answer.body()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw CliFailure.failure("the answer of " + server(answer.uri()) + " stopped coming before its end ("
          + CliFailure.firstLine(e) + "); check the server, and run it again", e);
    }
  }

  /** An answer that is not Pulse's: a wrong address's page (usage), or a proxy's error page (failure). */
  static CliFailure notPulse(URI uri, int status) {
    return notPulse(server(uri), status);
  }

  /** Pulse answers every error in JSON; another answer comes from something else at that address. */
  private static CliFailure notPulse(String server, int status) {
    if (status / 100 == 5) {
      return CliFailure.failure("the server at " + server + " failed (" + status + ") with an answer that is not"
          + " Pulse's: a proxy in front of it may have answered; is Pulse running behind it?");
    }
    return CliFailure.usage("the server at " + server + " answered " + status + " with a page that is not"
        + " Pulse's: is --server the address of a Pulse server?");
  }


  static String server(URI uri) {
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  /**
   * The answer if it is a 2xx; otherwise throws {@link #failureOf} its status and body.
   */
  public static HttpResponse<InputStream> requireSuccess(HttpResponse<InputStream> response) throws IOException {
    if (response.statusCode() / 100 == 2) {
      return response;
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(4096);
    }
    throw failureOf(response.statusCode(), response.uri(), body);
  }

  /**
   * A 401 from Pulse: the token ({@code source}: "given with --token", "of PULSE_ADMIN_TOKEN") is none of
   * the server's, said with what to give instead; another server's 401 page is told as not Pulse's.
   */
  static CliFailure tokenRefused(HttpResponse<InputStream> answer, String source) throws IOException {
    byte[] body;
    try (InputStream in = answer.body()) {
      body = in.readNBytes(4096);
    }
    if (reason(body) == null) {
      return notPulse(answer.uri(), answer.statusCode());
    }
    return CliFailure.failure("the server at " + server(answer.uri()) + " refused the token " + source + " (401): it"
        + " is neither its admin token nor its read token; give its admin token, or its read token to read, with"
        + " --token or PULSE_ADMIN_TOKEN (PULSE_READ_TOKEN)");
  }

  /**
   * The failure an error answer means. A refused token is a {@link CliFailure#FAILURE}; a request the
   * server calls wrong (4xx) is {@link CliFailure#USAGE}; a server failure (5xx) is a FAILURE; an
   * answer that is not Pulse's JSON says so (a wrong {@code --server}, or a proxy's page).
   */
  public static CliFailure failureOf(int status, URI uri, byte[] body) {
    String server = server(uri);
    String reason = reason(body);
    if (reason == null) {
      return notPulse(server, status);
    }
    if (status == 403 && "READ_ONLY_TOKEN".equals(errorCode(body))) {
      return CliFailure.failure("the server at " + server + " takes this token for reads only: give the admin"
          + " token with --token or PULSE_ADMIN_TOKEN to change data");
    }
    if (status == 401 || status == 403) {
      return CliFailure.failure("the server at " + server + " refused the token (" + status + "): give its"
          + " admin token, or its read token to read, with --token (or PULSE_ADMIN_TOKEN, PULSE_READ_TOKEN)");
    }
    if (status == 404 && "NOT_FOUND".equals(errorCode(body))) {
      // Every route the CLI asks for exists: the path of --server is what is wrong.
      return CliFailure.usage("the server refused the request (404): " + reason + "; give --server as the"
          + " server's base URL, such as http://host:8080 (with a path only where a proxy serves Pulse under one)");
    }
    if (status / 100 == 4) {
      return CliFailure.usage("the server refused the request (" + status + "): " + reason);
    }
    return CliFailure.failure("the server at " + server + " failed (" + status + "): " + reason);
  }

  /** The error code of a Pulse error answer ({@code extensions.code}), or null. */
  public static String errorCode(byte[] body) {
    JsonNode json = json(body);
    JsonNode code = json == null ? null : json.path("errors").path(0).path("extensions").path("code");
    return code != null && code.isTextual() ? code.asText() : null;
  }

  /**
   * The server's error message, one line: Pulse's GraphQL-shaped {@code {"errors":[{"message":..}]}}
   * or its {@code {"error":..}} of a bad parameter; null when the answer is not JSON (not Pulse's).
   */
  public static String reason(byte[] body) {
    JsonNode json = json(body);
    if (json == null || !json.isObject()) {
      return null;
    }
    for (JsonNode node : new JsonNode[] {json.path("errors").path(0).path("message"), json.path("error")}) {
      if (node.isTextual()) {
        // A Pulse server's message is whole (it bounds its own, well below); another's is cut.
        return CliFailure.bounded(node.asText().lines().findFirst().orElse(""));
      }
    }
    return "(no message)";
  }

  /**
   * A body as JSON; null when it is not JSON. An error sample nests as deep as a store keeps one
   * ({@link ReportedErrorJson#MAX_NESTING}), past Jackson's default bound; the tree is read iteratively.
   */
  public static JsonNode json(byte[] body) {
    try {
      return new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(ReportedErrorJson.MAX_NESTING + 8).build()).build()).readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }
}
