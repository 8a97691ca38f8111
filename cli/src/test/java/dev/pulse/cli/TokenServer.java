package dev.pulse.cli;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a loopback port for a test class's commands, with an admin and a read token, in a
 * data dir of its own; started before the class's tests and stopped after them.
 */
final class TokenServer implements BeforeAllCallback, AfterAllCallback {

  static final String TOKEN = "cli-mistakes-test-token-0123";
  static final String READ_TOKEN = "cli-mistakes-read-token-0123";

  private Path dataDir;
  private PulseServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("pulse-token-server");
    server = PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).adminToken(TOKEN)
        .readToken(READ_TOKEN).build());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
    TempTrees.delete(dataDir);
  }

  /** The server's base URL, for --server. */
  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The server's port. */
  int port() {
    return server.port();
  }

  /** The data dir the server holds. */
  Path dataDir() {
    return dataDir;
  }
}
