package dev.pulse.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.http.HttpApp;
import dev.pulse.server.http.ServerMetrics;
import dev.pulse.server.ingest.IngestLimits;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import io.javalin.Javalin;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port another process takes after the start-up check passed (serve checks it, then opens the
 * store, then binds): the server's bind fails, and that is told as a port in use from the start is.
 */
class PortTakenAfterCheckTest {

  @TempDir Path dataDir;

  @Test
  void theServersAppBindingAPortTakenSinceTheCheckIsToldAsInUse() throws Exception {
    try (Storage storage = DuckDbStorage.open(dataDir);
        ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = other.getLocalPort();
      ServerMetrics metrics = new ServerMetrics();
      Ingestor ingestor = new Ingestor(IngestLimits.defaults(), storage.events(),
          ContextKeyFile.load(TestServer.CONTEXT_KEY, dataDir), Clock.systemUTC(), metrics);
      Javalin app = HttpApp.create(ingestor, storage.events(), metrics, Duration.ofSeconds(2));

      assertThatThrownBy(() -> Listening.start(app, "127.0.0.1", port))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("port " + port + " on 127.0.0.1 is in use by another process: stop it, or choose another"
              + " port (--port or PULSE_PORT)");
    }
  }
}
