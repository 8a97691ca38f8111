package dev.pulse.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Start-up checks of the listening address, so that a port in use is reported in one sentence
 * before the data dir is touched (Jetty reports it as a stopped lifecycle with a stack trace).
 */
final class Listening {

  private Listening() {}

  /**
   * Refuses a port another process listens on, and a host that is not this machine's; port 0 (any free
   * port) is always free, so it checks the host alone.
   */
  static void checkFree(String host, int port) {
    // Same SO_REUSEADDR as Jetty: a port left in TIME_WAIT is free, one with a listener is not.
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (BindException e) {
      throw inUse(host, port, e);
    } catch (IOException e) {
      if (new InetSocketAddress(host, port).isUnresolved()) {
        throw new UncheckedIOException("the host name " + host + " does not resolve to an address: give one of"
            + " this machine's names or addresses, or 0.0.0.0 for every address (--host or PULSE_HOST)", e);
      }
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + reason(e), e);
    }
  }

  /** Starts the app; a port taken since {@link #checkFree} is reported like one taken before. */
  static void start(Javalin app, String host, int port) {
    try {
      app.start(host, port);
    } catch (Exception e) { // Jetty's failures come through Javalin unchecked, checked ones included
      BindException bind = bindFailure(e, 0);
      if (bind != null) {
        throw inUse(host, port, bind);
      }
      if (e instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * The failed bind behind a failed start, if any: in the cause chain, or among the suppressed
   * exceptions (Jetty, failing to bind, stops the server and throws the stop's failure, "STOPPED",
   * with the bind's added to it).
   */
  private static BindException bindFailure(Throwable failure, int depth) {
    if (failure == null || depth > 10) {
      return null;
    }
    if (failure instanceof BindException bind) {
      return bind;
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      BindException bind = bindFailure(suppressed, depth + 1);
      if (bind != null) {
        return bind;
      }
    }
    return bindFailure(failure.getCause(), depth + 1);
  }

  /** The reason of a file-system failure in words, without repeating the path. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file is in the way where a directory is needed";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage();
  }

  /** A failed bind in words: the port taken, the host not this machine's, or a port needing privileges. */
  private static UncheckedIOException inUse(String host, int port, BindException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Cannot assign requested address")) {
      return new UncheckedIOException(host + " is not an address of this machine: give one of its own, or"
          + " 0.0.0.0 for every address (--host or PULSE_HOST)", e);
    }
    if (message.contains("Permission denied")) {
      return new UncheckedIOException("port " + port + " needs privileges this user lacks: choose a port from 1024"
          + " up (--port or PULSE_PORT)", e);
    }
    return new UncheckedIOException(
        "port " + port + " on " + host + " is in use by another process: stop it, or choose another port"
            + " (--port or PULSE_PORT)", e);
  }
}
