package dev.pulse.server.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Refuses a path with a {@code .} or {@code ..} segment anywhere ({@code /api/v1/../v1/versions}, sent
 * as {@code curl --path-as-is} sends it; {@code %2e} counts as a dot), 400 {@code HTTP_400} in our words,
 * before any route or token is looked at. Jetty refuses only one that climbs above the root; the routes
 * match the path as sent, so another was a 404 for a path that names a route once resolved.
 */
final class DotSegments extends HandlerWrapper {

  static final String MESSAGE = "the request could not be read: its path has a \".\" or \"..\" segment, which the"
      + " server does not resolve; send the path resolved (/a/b/../c is /a/c)";

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String path = baseRequest.getHttpURI().getPath();
    if (path == null || !hasDotSegment(path)) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    ErrorBodies.refuseBeforeRoutes(baseRequest, response, "HTTP_400", MESSAGE);
  }

  /** Whether a segment of {@code path} as sent, its parameters ({@code ;x}) aside, is {@code .} or {@code ..}. */
  static boolean hasDotSegment(String path) {
    if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
      return false; // most paths, the endpoint's included: nothing to split
    }
    for (int start = 0; start <= path.length(); ) {
      int end = path.indexOf('/', start);
      end = end < 0 ? path.length() : end;
      String segment = path.substring(start, end);
      int parameters = segment.indexOf(';');
      segment = (parameters < 0 ? segment : segment.substring(0, parameters)).replace("%2e", ".").replace("%2E", ".");
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }
}
