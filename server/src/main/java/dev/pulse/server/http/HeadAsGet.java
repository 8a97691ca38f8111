package dev.pulse.server.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Answers HEAD as GET would, headers and all, without the body (RFC 9110): the routes see a GET, and
 * Jetty, which still knows the request as HEAD, leaves the body off. (Javalin answered a HEAD on a
 * GET route itself, 200 with no Content-Type and Content-Length 0, without running the route.) So a
 * HEAD runs what GET runs, an analysis included, behind the same token. An error answer that names
 * the request names it as GET too ("no such resource: GET /nope"): no one reads a HEAD's body, and
 * its {@code Content-Length} is then the length GET's body has, not one more.
 */
final class HeadAsGet extends HandlerWrapper {

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!HttpMethod.HEAD.is(baseRequest.getMethod())) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setMethod(HttpMethod.GET.asString());
    try {
      super.handle(target, baseRequest, request, response);
    } finally {
      baseRequest.setMethod(HttpMethod.HEAD.asString());
    }
  }
}
