package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --server http://...} given for a Pulse server with its own TLS, which redirects plain HTTP to
 * {@code https://} (308): told as that, not as "a page that is not Pulse's".
 */
class PlainHttpToATlsServerTest {

  private static final String TOKEN = "plain-http-to-tls-token-0123";
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir Path dir;

  @Test
  void aCommandGivenHttpForAServerThatTakesHttpsOnlyIsToldToUseHttps() throws Exception {
    List<Path> pem = selfSigned();
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), Map.of("PULSE_ADMIN_TOKEN", TOKEN),
        "--tls-cert", pem.get(0).toString(), "--tls-key", pem.get(1).toString())) {
      String plain = "http://127.0.0.1:" + server.uri("/").getPort();
      for (String[] command : new String[][] {{"query", "versions"}, {"export", "events"}}) {
        PulseRun run = PulseRun.run(Map.of("PULSE_ADMIN_TOKEN", TOKEN), command[0], command[1], "--server", plain);
        assertTold(run, USAGE, "the server at " + plain + " takes HTTPS only: give --server with https://");
      }
    }
  }

  /** A certificate for 127.0.0.1 and its key, as PEM files, made by the JDK's keytool. */
  private List<Path> selfSigned() throws Exception {
    Path keystore = dir.resolve("tls.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "pulse", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass",
        new String(PASSWORD)).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD);
    }
    return List.of(
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", keys.getCertificate("pulse").getEncoded())),
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", keys.getKey("pulse", PASSWORD).getEncoded())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
