package dev.pulse.server.web;

import io.javalin.Javalin;

/**
 * A feature's routes, added to the server's app before it starts: the one way every feature
 * (analytics, import, export, erasure, dashboard, public statistics, the {@code /api/} guard) and
 * every route set of a {@code ServerConfig} registers. Everything under {@code /api/} is behind the
 * admin token already, except {@code /api/public/}.
 */
@FunctionalInterface
public interface Routes {

  /**
   * Adds the routes.
   *
   * @param app the app, not yet started
   * @param services what the server has opened for the routes to use
   */
  void register(Javalin app, ServerServices services);
}
