package dev.pulse.server;

import io.javalin.Javalin;

/**
 * A set of routes added to the server's app before it starts (analytics, dashboard, ...). Everything
 * under {@code /api/} is behind the admin token already.
 */
@FunctionalInterface
public interface Routes {

  /**
   * Adds the routes.
   *
   * @param app the app, not yet started
   * @param services what the server has opened for the routes to use
   */
  void addTo(Javalin app, ServerServices services);
}
