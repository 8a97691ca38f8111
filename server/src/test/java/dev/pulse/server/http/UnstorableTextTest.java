package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Strings neither store can hold as sent (a NUL, half of a surrogate pair) are refused at ingestion
 * with a GraphQL error naming the field, the same answer on DuckDB and PostgreSQL, and nothing is
 * stored; PostgreSQL refusing content is a client error, never "retry later".
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class UnstorableTextTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NUL = "\\u0000";

  @TempDir static Path duckDbDir;
  @TempDir static Path postgresDir;
  private static TestServer duckDb;
  private static TestServer postgres;

  @BeforeAll
  static void startServers() {
    duckDb = TestServer.start(duckDbDir);
    var database = EmbeddedPostgresServer.newDatabase();
    postgres = TestServer.start(postgresDir, b -> b.store(database.jdbcUrl() + "?user=" + database.user()));
  }

  @AfterAll
  static void stopServers() {
    duckDb.close();
    postgres.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "NUL in a version (the Go clients' request) | telemetries | telemetries[0].component.version",
    "lone high surrogate in a version | telemetries-high | telemetries[0].component.version",
    "lone low surrogate in an event's error text | telemetries-low | telemetries[1].data.error",
    "NUL in an error message | errors-message | errors[0].message",
    "NUL in a metadata value | errors-metadata | errors[0].metadata[0].value",
    "lone high surrogate in a stack frame of a cause | errors-frame | errors[0].cause.stack[0].file",
    "NUL in the component of an error report | errors-component | component.componentInstanceId",
    "lone low surrogate in a CLI noun | cli-noun | telemetries[0].command.noun",
    "NUL in a CLI modifier | cli-modifier | telemetries[0].command.modifiers[1]",
  })
  void refusesAStringNoStoreCanHoldNamingTheFieldOnBothStores(String name, String body, String field)
      throws Exception {
    String request = body(body);
    JsonNode duckDbAnswer = refusedNothingStored(duckDb, request, field);
    JsonNode postgresAnswer = refusedNothingStored(postgres, request, field);

    assertThat(postgresAnswer).isEqualTo(duckDbAnswer);
  }

  @Test
  void refusesRawBytesThatAreNoTextOnBothStores() throws Exception {
    byte[] nulByte = Bodies.telemetries(1).replace("v1.5.0", "v1.5.0~x").getBytes(StandardCharsets.UTF_8);
    nulByte[indexOf(nulByte, (byte) '~')] = 0; // JSON forbids raw control characters in strings
    byte[] loneSurrogate = replaceMarker(Bodies.telemetries(1).replace("v1.5.0", "v1~"),
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // U+D800 encoded alone: not UTF-8
    for (byte[] body : List.of(nulByte, loneSurrogate)) {
      int duckDbBefore = duckDb.storedCount();
      int postgresBefore = postgres.storedCount();
      HttpResponse<String> onDuckDb = duckDb.postTelemetry(body, null);
      HttpResponse<String> onPostgres = postgres.postTelemetry(body, null);

      assertThat(onDuckDb.statusCode()).as(onDuckDb.body()).isEqualTo(400);
      assertThat(onPostgres.statusCode()).isEqualTo(onDuckDb.statusCode());
      assertThat(JSON.readTree(onPostgres.body())).isEqualTo(JSON.readTree(onDuckDb.body()));
      assertThat(onDuckDb.headers().firstValue("Retry-After")).isEmpty();
      assertThat(duckDb.storedCount()).isEqualTo(duckDbBefore);
      assertThat(postgres.storedCount()).isEqualTo(postgresBefore);
    }
  }

  @Test
  void storesASurrogatePairIntactOnBothStoresEscapedOrRaw() {
    String emoji = "\ud83d\ude00";
    String escaped = Bodies.telemetries(1).replace("v1.5.0", "v1-\\ud83d\\ude00-escaped");
    String raw = Bodies.telemetries(1).replace("v1.5.0", "v1-" + emoji + "-raw");
    for (TestServer server : List.of(duckDb, postgres)) {
      assertThat(server.postTelemetry(escaped).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
      assertThat(server.postTelemetry(raw).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
      assertThat(server.events()).extracting(e -> e.component().version())
          .contains("v1-" + emoji + "-escaped", "v1-" + emoji + "-raw");
    }
  }

  @Test
  void anImportedNulIsRefusedAlikeOnBothStoresNamingTheField() throws Exception {
    String line = "{\"receivedAt\":\"2026-11-24T16:00:00.123Z\",\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":\"i\",\"contextId\":\"k\",\"version\":\"v1" + NUL + "x\","
        + "\"cloudClientId\":\"\",\"eventType\":\"ACTIVE\",\"count\":1,\"error\":\"\"}\n";
    for (TestServer server : new TestServer[] {duckDb, postgres}) {
      int before = server.storedCount();
      HttpResponse<String> response = server.send(HttpRequest.newBuilder(importUri(server))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString(line)).build());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Retry-After")).isEmpty();
      assertThat(response.body()).contains("\\\"version\\\" holds a character no store can hold")
          .doesNotContain("retry later").doesNotContain("Exception");
      assertThat(server.storedCount()).isEqualTo(before);
    }
  }

  private static JsonNode refusedNothingStored(TestServer server, String body, String field) throws Exception {
    int before = server.storedCount();
    HttpResponse<String> response = server.postTelemetry(body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.has("errors")).as("refused: %s", response.body()).isTrue();
    JsonNode error = answer.get("errors").get(0);
    assertThat(error.at("/extensions/code").asText()).as(response.body()).isEqualTo("INVALID_CHARACTER");
    assertThat(error.at("/extensions/field").asText()).isEqualTo(field);
    assertThat(error.get("message").asText()).startsWith(field + " contains ");
    assertThat(answer.path("data").path("sendTelemetries").isMissingNode()
        || answer.path("data").isNull() || answer.path("data").isMissingNode()).as(response.body()).isTrue();
    assertThat(server.storedCount()).isEqualTo(before);
    return answer;
  }

  private static String body(String name) {
    String errorsWithCause = "[{\"message\":\"outer\",\"errorClass\":\"e\",\"stack\":null,\"metadata\":null,"
        + "\"cause\":{\"message\":\"inner\",\"errorClass\":\"e\",\"stack\":[{\"file\":\"/src/a.go\\ud800\","
        + "\"lineNumber\":3,\"name\":\"f\",\"package\":\"p\"}]}}]";
    return switch (name) {
      case "telemetries" -> Bodies.telemetries(1).replace("v1.5.0", "v1" + NUL + "x");
      case "telemetries-high" -> Bodies.telemetries(1).replace("v1.5.0", "v1\\ud800");
      case "telemetries-low" -> Bodies.sendTelemetries("[" + Bodies.event("v1.5.0", "ACTIVE", 1, "ok") + ","
          + Bodies.event("v1.5.0", "ACTIVE", 1, "bad") + "]").replace("\"bad\"", "\"bad\\udc00\"");
      case "errors-message" -> Bodies.sendErrors("[" + Bodies.error("boom~", "null", "null") + "]")
          .replace("~", NUL);
      case "errors-metadata" -> Bodies.sendErrors("[" + Bodies.error("boom", "null",
          "[{\"key\":\"k\",\"value\":\"a~b\"}]") + "]").replace("~", NUL);
      case "errors-frame" -> Bodies.sendErrors(errorsWithCause);
      case "errors-component" -> Bodies.sendErrors("[" + Bodies.error("boom", "null", "null") + "]")
          .replace("c0ffee00", "c0ffee00" + NUL);
      case "cli-noun" -> Bodies.sendCli("[]").replace("\"mapper\"", "\"mapper\\udc00\"");
      case "cli-modifier" -> Bodies.sendCli("[\"--a\",\"--b~\"]").replace("~", NUL);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static URI importUri(TestServer server) {
    return server.uri("/api/v1/import?kind=events");
  }

  private static byte[] replaceMarker(String text, byte[] replacement) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bytes, (byte) '~');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(replacement);
    out.write(bytes, at + 1, bytes.length - at - 1);
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalArgumentException("no byte " + b);
  }
}
