package dev.pulse.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/import} over a real server: a body that is not UTF-8 is refused, not mangled. */
class ImportRoutesTest {

  private static final String LINE = "{\"receivedAt\":\"2026-11-05T10:00:00.000Z\",\"componentType\":\"NETWORK_MAPPER\","
      + "\"componentInstanceId\":\"%s\",\"contextId\":\"ctx\",\"version\":\"v1\",\"cloudClientId\":\"\","
      + "\"eventType\":\"ACTIVE\",\"count\":1,\"error\":\"\"}\n";

  @TempDir Path dataDir;

  @Test
  void aBodyThatIsNotUtf8IsRefusedWholeInsteadOfStoredWithReplacementCharacters() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(String.format(LINE, "i-1").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(String.format(LINE, "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1)); // é as one byte
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("not UTF-8 text").contains("\"parameter\":\"body\"");
      assertThat(server.events()).as("all or nothing over HTTP").isEmpty();
    }
  }

  @Test
  void aParameterTheImportDoesNotTakeIsRefusedAndNothingIsStored() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events&knd=cli"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(String.format(LINE, "i-1"))).build());

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("\"parameter\":\"knd\"", "not a parameter of an import; it takes kind");
      assertThat(server.events()).isEmpty();
    }
  }

  @Test
  void aLineThatIsNotJsonIsToldByItsNumberAndColumnInOurWordsAndNothingIsStored() throws Exception {
    String body = String.format(LINE, "i-1") + "{\"receivedAt\": nope}\n" + "{\"receivedAt\":\n";
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build());

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("line 2: not a JSON export line: not valid JSON at column 16")
          .doesNotContain("Unrecognized token", "StreamReadFeature", "nope");
      assertThat(server.events()).isEmpty();

      HttpResponse<String> cut = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString("{\"receivedAt\":\n")).build());
      assertThat(cut.body()).contains("line 1: not a JSON export line: its JSON ends early, at column 15");
    }
  }
}
