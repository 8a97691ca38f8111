package dev.pulse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

  @TempDir Path dataDir;

  @Test
  void generatesATokenOnceAndStoresOnlyItsHash() throws Exception {
    String token;
    try (PulseServer first = start()) {
      assertThat(first.generatedAdminToken()).isPresent();
      token = first.generatedAdminToken().orElseThrow();
      assertThat(first.adminToken().source()).isEqualTo(AdminToken.Source.GENERATED);
      assertThat(status(first, token)).isEqualTo(200);
      assertThat(status(first, token + "x")).isEqualTo(401);
    }
    Path file = dataDir.resolve(AdminToken.FILE_NAME);
    String stored = Files.readString(file).trim();
    assertThat(stored).doesNotContain(token);
    assertThat(stored)
        .isEqualTo(HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (Stream files = new Stream(dataDir)) {
      assertThat(files.containsText(token)).isFalse();
    }

    try (PulseServer second = start()) {
      assertThat(second.generatedAdminToken()).isEmpty();
      assertThat(second.adminToken().source()).isEqualTo(AdminToken.Source.STORED);
      assertThat(second.adminToken().describe()).contains("delete").contains(AdminToken.FILE_NAME);
      assertThat(status(second, token)).isEqualTo(200);
    }
  }

  @Test
  void aConfiguredTokenIsUsedAndNothingIsStored() throws Exception {
    String configured = "configured-token-0123456789";
    try (PulseServer server =
        PulseServer.start(
            ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).adminToken(configured).build())) {
      assertThat(server.generatedAdminToken()).isEmpty();
      assertThat(server.adminToken().source()).isEqualTo(AdminToken.Source.CONFIGURED);
      assertThat(status(server, configured)).isEqualTo(200);
      assertThat(status(server, "other-token-0123456789")).isEqualTo(401);
    }
    assertThat(dataDir.resolve(AdminToken.FILE_NAME)).doesNotExist();
  }

  @Test
  void matchesOnlyTheExactToken() throws Exception {
    AdminToken token = AdminToken.resolve("exact-token-0123456789", dataDir);
    assertThat(token.matches("exact-token-0123456789")).isTrue();
    assertThat(token.matches("exact-token-012345678")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
  }

  private PulseServer start() {
    return PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).build());
  }

  private static int status(PulseServer server, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/export/events"))
            .header("Authorization", "Bearer " + token)
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The small text files of a data dir, to check a secret appears in none. */
  private static final class Stream implements AutoCloseable {
    private final java.util.stream.Stream<Path> files;

    Stream(Path dir) throws java.io.IOException {
      this.files = Files.walk(dir);
    }

    boolean containsText(String text) {
      return files
          .filter(Files::isRegularFile)
          .anyMatch(
              f -> {
                try {
                  return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }

    @Override
    public void close() {
      files.close();
    }
  }
}
