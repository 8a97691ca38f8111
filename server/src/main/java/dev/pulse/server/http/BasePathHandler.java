package dev.pulse.server.http;

import dev.pulse.server.web.BasePath;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Takes the {@link BasePath} off a request's path before any route sees it, so {@code
 * /pulse/telemetry/query} is the telemetry endpoint and {@code /pulse/} the dashboard. A path not
 * under the base is served as it is: the proxy in front may strip the base itself, and probes reach
 * the pod at the root.
 */
final class BasePathHandler extends HandlerWrapper {

  private final BasePath base;

  BasePathHandler(BasePath base) {
    this.base = base;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    HttpURI uri = baseRequest.getHttpURI();
    String decoded = base.strip(target);
    String encoded = uri.getPath() == null ? null : base.strip(uri.getPath());
    if (decoded != null && encoded != null) {
      request.setAttribute(BasePath.PATH_AS_SENT, uri.getPath());
      baseRequest.setHttpURI(HttpURI.build(uri).path(encoded));
      target = decoded;
    }
    super.handle(target, baseRequest, request, response);
  }
}
