package dev.pulse.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server with the default settings for all the tests of a class, on a data dir of its own that is
 * removed after them: {@code @RegisterExtension static final ServerForClass shared = new ServerForClass();}.
 * It starts before the class's {@code @BeforeAll} methods, which may then fill it.
 */
public final class ServerForClass implements BeforeAllCallback, AfterAllCallback {

  private Path dataDir;
  private TestServer server;

  /** The running server; only between the class's first and last test. */
  public TestServer server() {
    if (server == null) {
      throw new IllegalStateException("the server starts before the class's tests and stops after them");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("pulse-class-server");
    server = TestServer.start(dataDir);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      server = null;
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(ServerForClass::delete);
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
