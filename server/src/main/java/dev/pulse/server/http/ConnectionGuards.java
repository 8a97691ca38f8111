package dev.pulse.server.http;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds what connections may hold in Jetty: each connector's idle timeout ({@link
 * ClientLimits#idleTimeout()}, keep-alive connections included), the time a request's line and
 * headers may take ({@link HeaderDeadline}) and the number of open connections ({@link
 * ClientLimits#maxConnections()}: past it Jetty stops accepting until some close).
 */
final class ConnectionGuards {

  private ConnectionGuards() {}

  /** Installs the guards on a server not yet started; the body-deadline scheduler lives with it. */
  static void install(Server server, ClientLimits limits, Scheduler deadlines) {
    server.addBean(new ConnectionLimit(limits.maxConnections(), server));
    runWith(server, deadlines);
    HeaderDeadline headers = new HeaderDeadline(limits.headerTimeout());
    // Javalin adds its connector just before it starts the server: set the timeout then.
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(LifeCycle event) {
            for (Connector connector : server.getConnectors()) {
              if (connector instanceof AbstractConnector abstractConnector) {
                abstractConnector.setIdleTimeout(limits.idleTimeout().toMillis());
                abstractConnector.addBean(headers); // each connection it makes reports to it
              }
            }
            headers.sweepOn(deadlines); // started by runWith's listener, which runs first
          }
        });
  }

  /** Starts the body-deadline scheduler with the server and stops it after. */
  static void runWith(Server server, Scheduler deadlines) {
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(LifeCycle event) {
            // Not a bean of the server: Jetty would take it for its connectors' shared scheduler.
            LifeCycle.start(deadlines);
          }

          @Override
          public void lifeCycleStopped(LifeCycle event) {
            LifeCycle.stop(deadlines);
          }
        });
  }
}
