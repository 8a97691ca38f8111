package dev.pulse.server.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Refuses a request that asks to become a WebSocket (400 {@code NO_WEBSOCKET}, in the error body every
 * answer has): no route speaks WebSocket, and Javalin, which takes such a request for one of its
 * WebSocket routes, answered a telemetry upload or {@code /healthz} with a bare "Not Found" and kept
 * nothing. Any other {@code Upgrade} (curl's {@code h2c}) is ignored, as HTTP lets a server do.
 */
final class NoWebSocket extends HandlerWrapper {

  static final String MESSAGE = "this server takes no WebSocket connections; send the request as plain HTTP,"
      + " without Upgrade: websocket";

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String upgrade = request.getHeader(HttpHeader.UPGRADE.asString());
    if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    ErrorBodies.refuseBeforeRoutes(baseRequest, response, "NO_WEBSOCKET", MESSAGE);
  }
}
