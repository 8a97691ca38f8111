package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The server's own TLS ({@code --tls-cert}, {@code --tls-key}): HTTPS with PEM files, a renewed
 * certificate served without a restart, and files it cannot serve refused in words at start.
 */
@Isolated
class TlsTest {

  @TempDir static Path certificates;
  private static PemCertificate first;
  private static PemCertificate renewed;

  @TempDir Path dir;

  @BeforeAll
  static void generateCertificates() throws Exception {
    first = PemCertificate.generate(certificates, "first", "EC", 2);
    renewed = PemCertificate.generate(certificates, "renewed", "RSA", 90);
  }

  @Test
  void servesHttpsWithPemFilesAndPicksUpARenewedCertificate() throws Exception {
    Path cert = Files.copy(first.certFile(), dir.resolve("cert.pem"));
    Path key = Files.copy(first.keyFile(), dir.resolve("key.pem"));
    TlsFiles files = new TlsFiles(cert, key, Duration.ofMillis(50));
    try (TestServer server = TestServer.start(dir.resolve("data"), config -> config.tls(files))) {
      URI ingest = URI.create("https://127.0.0.1:" + server.server().port() + "/telemetry/query");
      HttpResponse<String> stored = send(HttpRequest.newBuilder(ingest).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(2))).build(), first, renewed);
      assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
      assertThat(server.storedCount()).isEqualTo(2);
      assertThat(presented(server, first, renewed)).isEqualTo(first.certificate());
      assertThat(expiryMetric(server)).isEqualTo(notAfter(first));

      HttpResponse<String> signIn = send(HttpRequest.newBuilder(URI.create(
          "https://127.0.0.1:" + server.server().port() + "/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("token=" + TestServer.ADMIN_TOKEN)).build(), first, renewed);
      assertThat(signIn.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");

      // A renewal writes the new files in place; new connections get the new certificate.
      Files.copy(renewed.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(renewed.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
      Instant deadline = Instant.now().plusSeconds(20);
      while (!presented(server, first, renewed).equals(renewed.certificate()) && Instant.now().isBefore(deadline)) {
        Thread.onSpinWait();
      }
      assertThat(presented(server, first, renewed)).isEqualTo(renewed.certificate());
      assertThat(expiryMetric(server)).isEqualTo(notAfter(renewed));
    }
  }

  @Test
  void servesAnEd25519Certificate() throws Exception {
    PemCertificate ed25519 = PemCertificate.generate(dir, "ed25519", "Ed25519", 30);
    TlsFiles files = new TlsFiles(ed25519.certFile(), ed25519.keyFile());
    try (TestServer server = TestServer.start(dir.resolve("data"), config -> config.tls(files))) {
      assertThat(presented(server, ed25519)).isEqualTo(ed25519.certificate());
    }
  }

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void aChangeThatCannotBeServedKeepsTheCertificateInUseAndSaysSo() throws Exception {
    Path cert = Files.copy(first.certFile(), dir.resolve("cert.pem"));
    Path key = Files.copy(first.keyFile(), dir.resolve("key.pem"));
    TlsFiles files = new TlsFiles(cert, key, Duration.ofMillis(50));
    try (CapturedLog log = CapturedLog.start();
        TestServer server = TestServer.start(dir.resolve("data"), config -> config.tls(files))) {
      // A renewal caught half-way: the new certificate, the old key.
      Files.copy(renewed.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
      Instant deadline = Instant.now().plusSeconds(20);
      while (!log.text().contains("TLS: kept the certificate in use") && Instant.now().isBefore(deadline)) {
        Thread.onSpinWait();
      }
      assertThat(log.text())
          .contains("TLS: kept the certificate in use, since the files changed to something it cannot serve: the key in "
              + key + " is not the key of the certificate in " + cert);
      assertThat(presented(server, first, renewed)).isEqualTo(first.certificate());
      assertThat(expiryMetric(server)).isEqualTo(notAfter(first));
    }
  }

  @Test
  void plainHttpToTheTlsPortIsSentToHttpsAndNothingIsServedUnencrypted() throws Exception {
    TlsFiles files = new TlsFiles(first.certFile(), first.keyFile());
    try (TestServer server = TestServer.start(dir.resolve("data"), config -> config.tls(files).basePath("/pulse"))) {
      String plain = "http://127.0.0.1:" + server.server().port();
      HttpResponse<String> page = server.send(HttpRequest.newBuilder(URI.create(plain + "/pulse/errors?from=2026-11-01")).build());
      assertThat(page.statusCode()).isEqualTo(308);
      assertThat(page.headers().firstValue("Location"))
          .hasValue("https://127.0.0.1:" + server.server().port() + "/pulse/errors?from=2026-11-01");

      HttpResponse<String> ingest = server.postTelemetry(Bodies.telemetries(1));
      assertThat(ingest.statusCode()).isEqualTo(400);
      assertThat(ingest.body()).contains("HTTPS_REQUIRED", "this server takes HTTPS only: send the request to https://");
      assertThat(server.storedCount()).isZero();
      // An API read, or any read with a token, is refused rather than redirected: the token must not go on in clear.
      HttpResponse<String> api = server.send(HttpRequest.newBuilder(URI.create(plain + "/pulse/api/v1/versions"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build());
      HttpResponse<String> pageWithToken = server.send(HttpRequest.newBuilder(URI.create(plain + "/pulse/errors"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build());
      assertThat(api.statusCode()).isEqualTo(400);
      assertThat(api.body()).contains("HTTPS_REQUIRED", "send the request to https://127.0.0.1:");
      assertThat(pageWithToken.statusCode()).isEqualTo(400);
      assertThat(server.send(HttpRequest.newBuilder(URI.create(plain + "/pulse/api/v1/versions")).build()).statusCode())
          .as("an API read without a token too").isEqualTo(400);
      // Probes and the image's HEALTHCHECK speak plain HTTP: health says only "up".
      assertThat(server.get("/healthz", null).statusCode()).isEqualTo(200);
      assertThat(server.get("/pulse/readyz", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefusedAtStartInWords() {
    assertThatThrownBy(() -> TestServer.start(dir.resolve("data"),
        config -> config.tls(new TlsFiles(first.certFile(), renewed.keyFile()))).close())
        .hasMessageContaining("the key in " + renewed.keyFile() + " is not the key of the certificate in "
            + first.certFile());
  }

  @Test
  void anExpiredCertificateIsRefusedAtStartSayingWhenItExpired() throws Exception {
    PemCertificate expired = PemCertificate.generate(dir, "expired", "EC", 1, "-30d");

    assertThatThrownBy(() -> TestServer.start(dir.resolve("data"),
        config -> config.tls(new TlsFiles(expired.certFile(), expired.keyFile()))).close())
        .hasMessageContaining("the certificate in " + expired.certFile() + " expired on "
            + expired.certificate().getNotAfter().toInstant())
        .hasMessageContaining("give a renewed one");
  }

  @Test
  void aKeyInAFormJavaDoesNotReadIsToldHowToConvert() throws Exception {
    Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"),
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TestServer.start(dir.resolve("data"),
        config -> config.tls(new TlsFiles(renewed.certFile(), pkcs1))).close())
        .hasMessageContaining("holds an RSA PRIVATE KEY, which Pulse does not read")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1);
    assertThatThrownBy(() -> TestServer.start(dir.resolve("data"),
        config -> config.tls(new TlsFiles(dir.resolve("missing.pem"), pkcs1))).close())
        .hasMessageContaining("cannot read " + dir.resolve("missing.pem") + " (--tls-cert): no such file");
  }

  @Test
  void aKeyOfAnotherFormIsNamedWithTheArticleItIsReadWith() throws Exception {
    for (String type : new String[] {"EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY"}) {
      Path key = Files.writeString(dir.resolve("other.pem"),
          "-----BEGIN " + type + "-----\nMIIBOgIBAAJBAK\n-----END " + type + "-----\n");
      String article = type.startsWith("DSA") ? "a " : "an ";

      assertThatThrownBy(() -> TestServer.start(dir.resolve("data"),
          config -> config.tls(new TlsFiles(renewed.certFile(), key))).close())
          .hasMessageContaining("holds " + article + type + ", which Pulse does not read");
    }
  }

  private static long notAfter(PemCertificate certificate) {
    return certificate.certificate().getNotAfter().toInstant().getEpochSecond();
  }

  // What the server's /metrics says of the certificate it serves.
  private static long expiryMetric(TestServer server) throws Exception {
    String metrics = send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + server.server().port() + "/metrics")).build(), first, renewed).body();
    String line = metrics.lines().filter(l -> l.startsWith("pulse_tls_certificate_not_after_seconds "))
        .findFirst().orElseThrow(() -> new AssertionError("no certificate expiry in /metrics"));
    return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
  }

  // The certificate a new connection is served.
  private static Certificate presented(TestServer server, PemCertificate... trusted) throws Exception {
    HttpResponse<String> health = send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + server.server().port() + "/healthz")).build(), trusted);
    return health.sslSession().orElseThrow().getPeerCertificates()[0];
  }

  /** A browser that reached the server over its TLS by name never tries plain HTTP to it again. */
  @Test
  void answersOverItsOwnTlsTellBrowsersToKeepToHttpsButNotForLocalhostOrAnAddress() throws Exception {
    TlsFiles files = new TlsFiles(first.certFile(), first.keyFile(), Duration.ofMinutes(1));
    try (TestServer server = TestServer.start(dir.resolve("data"), config -> config.tls(files))) {
      int port = server.server().port();
      assertThat(head(port, "pulse.example.com", "/login")).contains("\r\nStrict-Transport-Security: max-age=31536000\r\n");
      assertThat(head(port, "pulse.example.com", "/healthz")).contains("\r\nStrict-Transport-Security: max-age=31536000\r\n");
      assertThat(head(port, "localhost", "/login")).doesNotContain("Strict-Transport-Security");
      assertThat(head(port, "127.0.0.1", "/login")).doesNotContain("Strict-Transport-Security");
    }
  }

  // The head of a GET over TLS with this Host, which java.net.http would not send.
  private static String head(int port, String host, String path) throws Exception {
    try (SSLSocket socket = (SSLSocket) trusting(first).getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return answer.substring(0, Math.max(answer.indexOf("\r\n\r\n"), 0) + 2);
    }
  }

  // Over a new client, so a new handshake: one trusting these certificates.
  private static HttpResponse<String> send(HttpRequest request, PemCertificate... trusted) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trusting(trusted)).connectTimeout(Duration.ofSeconds(10)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("HTTPS request to " + request.uri() + " failed", e);
    }
  }

  private static SSLContext trusting(PemCertificate... trusted) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (PemCertificate certificate : trusted) {
      trust.setCertificateEntry(certificate.certFile().getFileName().toString(), certificate.certificate());
    }
    TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    managers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, managers.getTrustManagers(), null);
    return context;
  }
}
