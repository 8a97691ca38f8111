package dev.pulse.server.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL on one data dir and port, stopped and started again as its supervisor would:
 * a server pointed at {@link #url()} finds it at the same address after each start.
 */
final class RestartablePostgres implements AutoCloseable {

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  private RestartablePostgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Starts PostgreSQL on {@code dataDir} (initialised if empty) and a free port. */
  static RestartablePostgres start(Path dataDir) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RestartablePostgres started = new RestartablePostgres(dataDir, port);
    started.startAgain();
    return started;
  }

  /** The store URL of its {@code postgres} database. */
  String url() {
    return "postgresql://postgres@localhost:" + port + "/postgres";
  }

  /** Stops it (a fast shutdown). */
  void stop() throws IOException {
    postgres.close();
  }

  /** Starts it again on the same data dir and port. */
  void startAgain() throws IOException {
    postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  /** Whether the postmaster named in the data dir's {@code postmaster.pid} is alive. */
  boolean runs() {
    try {
      String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException e) {
      return false; // no pid file: it stopped cleanly
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
