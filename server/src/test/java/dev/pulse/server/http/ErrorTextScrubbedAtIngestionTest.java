package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.store.StoredError;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Error text reaches the store scrubbed, whatever the client did: the message, the cause's message and
 * metadata values, on a real server.
 */
class ErrorTextScrubbedAtIngestionTest {

  @TempDir Path dataDir;

  @Test
  void storesErrorMessagesAndMetadataWithAddressesAndHomeDirectoriesReplaced() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String cause = Bodies.error("open /home/jane/.kube/config: permission denied", "null",
          "[{\"key\":\"peer\",\"value\":\"jane@example.com\"}]");
      String error = withCause(Bodies.error("dial tcp 10.0.0.7:9092: connect: connection refused", "null", "null"), cause);
      String sameButOtherAddress =
          withCause(Bodies.error("dial tcp 10.9.9.9:9092: connect: connection refused", "null", "null"), cause);
      assertThat(server.postTelemetry(Bodies.sendErrors("[" + error + "," + sameButOtherAddress + "]")).body())
          .isEqualTo("{\"data\":{\"sendErrors\":true}}");

      List<StoredError> stored = server.errors();
      assertThat(stored).hasSize(2);
      assertThat(stored).extracting(e -> e.error().message())
          .containsOnly("dial tcp <ip>:9092: connect: connection refused");
      assertThat(stored.get(0).error().cause().message()).isEqualTo("open /home/<user>/.kube/config: permission denied");
      assertThat(stored.get(0).error().cause().metadata().get(0).value()).isEqualTo("<email>");
      assertThat(stored.get(0).fingerprint()).isEqualTo(stored.get(1).fingerprint());
      String exported = server.get("/api/v1/export/errors", TestServer.ADMIN_TOKEN).body();
      assertThat(exported).doesNotContain("10.0.0.7", "10.9.9.9", "jane");
    }
  }

  /** A component that scrubs nothing (an SDK of another language) sends keys as they are: they are not stored. */
  @Test
  void storesNoSecretWrittenAsKeyColonValueNorAWellKnownTokenFormat() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String message = "sync failed: X-Api-Key: 9f8e7d6c5b4a39281706 refused, retried with ghp_AbCdEfGhIjKlMnOpQrStUvWx12";
      assertThat(server.postTelemetry(Bodies.sendErrors("[" + Bodies.error(message, "null", "null") + "]")).body())
          .isEqualTo("{\"data\":{\"sendErrors\":true}}");

      assertThat(server.errors()).singleElement().satisfies(e -> assertThat(e.error().message())
          .isEqualTo("sync failed: X-Api-Key: <secret> refused, retried with <token>"));
    }
  }

  /** {@code "password": "hunter2"} has no shape a text rule could see: the key says what the value is. */
  @Test
  void storesNoMetadataValueUnderAKeyNamingASecretAUserOrAHost() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String metadata = "[{\"key\":\"db.password\",\"value\":\"hunter2\"},{\"key\":\"username\",\"value\":\"jane\"},"
          + "{\"key\":\"hostname\",\"value\":\"janes-laptop\"},{\"key\":\"level\",\"value\":\"WARN\"}]";
      assertThat(server.postTelemetry(Bodies.sendErrors("[" + Bodies.error("sync failed", "null", metadata) + "]")).body())
          .isEqualTo("{\"data\":{\"sendErrors\":true}}");

      assertThat(server.errors()).singleElement().satisfies(e -> assertThat(e.error().metadata())
          .extracting(m -> m.key() + "=" + m.value())
          .containsExactly("db.password=<secret>", "username=<user>", "hostname=<host>", "level=WARN"));
      assertThat(server.get("/api/v1/export/errors", TestServer.ADMIN_TOKEN).body())
          .doesNotContain("hunter2", "jane", "janes-laptop");
    }
  }

  @Test
  void scrubsImportedErrorsTooSoAnOldExportBringsNoAddressBack() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String oldExportLine = "{\"receivedAt\":\"2026-11-05T10:00:00.123Z\",\"componentType\":\"INTENTS_OPERATOR\","
          + "\"componentInstanceId\":\"i-1\",\"contextId\":\"ctx\",\"version\":\"v1\",\"cloudClientId\":\"\","
          + "\"fingerprint\":\"fp-1\",\"error\":{\"message\":\"dial tcp 10.0.0.7:9092\",\"errorClass\":\"e\","
          + "\"cause\":null,\"stack\":[],\"metadata\":[]}}\n";
      for (int attempt = 0; attempt < 2; attempt++) {
        HttpResponse<String> imported = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=errors"))
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(oldExportLine)).build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
      }

      assertThat(server.errors()).as("imported once, then recognised as present").hasSize(1);
      assertThat(server.errors().get(0).error().message()).isEqualTo("dial tcp <ip>:9092");
    }
  }

  @Test
  void aMessageOfOneUnitRepeatedToTheLimitIsStoredNotAnsweredWithAFault() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String hostile = "a.".repeat(4096); // once took a stack frame per repetition: 500 and a stack trace in the log
      HttpResponse<String> answer = server.postTelemetry(Bodies.sendErrors("[" + Bodies.error(hostile, "null", "null") + "]"));

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("{\"data\":{\"sendErrors\":true}}");
      assertThat(server.errors()).singleElement().satisfies(e -> assertThat(e.error().message()).isEqualTo(hostile));
    }
  }

  private static String withCause(String error, String cause) {
    return error.replace("\"cause\":null", "\"cause\":" + cause);
  }
}
