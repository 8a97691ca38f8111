package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --server http://...} given for a Pulse server with its own TLS, which redirects plain HTTP to
 * {@code https://} (308): told as that, not as "a page that is not Pulse's".
 */
class PlainHttpToATlsServerTest {

  private static final String TOKEN = "plain-http-to-tls-token-0123";

  @TempDir Path dir;

  @Test
  void aCommandGivenHttpForAServerThatTakesHttpsOnlyIsToldToUseHttps() throws Exception {
    List<Path> pem = SelfSignedKey.pemFiles(dir);
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), Map.of("PULSE_ADMIN_TOKEN", TOKEN),
        "--tls-cert", pem.get(0).toString(), "--tls-key", pem.get(1).toString())) {
      String plain = "http://127.0.0.1:" + server.uri("/").getPort();
      for (String[] command : new String[][] {{"query", "versions"}, {"export", "events"}}) {
        PulseRun run = PulseRun.run(Map.of("PULSE_ADMIN_TOKEN", TOKEN), command[0], command[1], "--server", plain);
        assertTold(run, USAGE, "the server at " + plain + " takes HTTPS only: give --server with https://");
      }
    }
  }
}
