package dev.pulse.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/import} over a real server: a line is one JSON object with each member once, in
 * UTF-8, and the kind is given; anything else is a 400 naming what is wrong, and nothing is imported
 * (never the first object of a line kept and the rest dropped, nor the last of two members winning).
 */
class ImportLineShapeTest {

  private static final String OBJECT = "{\"receivedAt\":\"2026-11-05T10:00:00.000Z\",\"componentType\":\"NETWORK_MAPPER\","
      + "\"componentInstanceId\":\"%s\",\"contextId\":\"ctx\",\"version\":\"v1\",\"cloudClientId\":\"\","
      + "\"eventType\":\"ACTIVE\",\"count\":1,\"error\":\"\"}";
  private static final String GOOD = String.format(OBJECT, "i-1") + "\n";

  @TempDir Path dataDir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dataDir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void twoObjectsOnOneLineAreRefusedNamingTheLineAndColumnAndNothingIsImported() {
    String second = String.format(OBJECT, "i-2");
    HttpResponse<String> refused = importEvents(GOOD + second + String.format(OBJECT, "i-3") + "\n");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("line 2: the line goes on after its JSON object ends, at column "
        + (second.length() + 1) + "; an export line holds one object", "\"parameter\":\"body\"");
    assertThat(server.events()).as("all or nothing").isEmpty();
  }

  @Test
  void junkAfterTheObjectIsRefusedNamingTheLineAndColumnAndNothingIsImported() {
    String line = String.format(OBJECT, "i-2");
    HttpResponse<String> refused = importEvents(GOOD + line + " trailing-garbage{{{\n");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("line 2: the line goes on after its JSON object ends, at column "
        + (line.length() + 2));
    assertThat(server.events()).isEmpty();

    HttpResponse<String> spaces = importEvents(line + " \t\r\n");
    assertThat(spaces.body()).as("white space after the object is no content").isEqualTo("{\"imported\":1,\"skipped\":0}");
  }

  @Test
  void aMemberGivenTwiceIsRefusedNamingItAndTheLineNeverTheLastOneWinning() {
    String twice = String.format(OBJECT, "i-2").replace("\"version\":\"v1\"", "\"version\":\"a\",\"version\":\"b\"");
    HttpResponse<String> refused = importEvents(GOOD + twice + "\n");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("line 2: the line has the member \\\"version\\\" twice in one object, at"
        + " column ", "; give each member of an object once").doesNotContain("Duplicate field", "Exception");
    assertThat(server.events()).isEmpty();

    String nested = "{\"receivedAt\":\"2026-11-05T10:00:00.000Z\",\"componentType\":null,\"componentInstanceId\":null,"
        + "\"contextId\":null,\"version\":null,\"cloudClientId\":null,\"fingerprint\":\"3b0f6c1d2e4a5b69\",\"error\":"
        + "{\"message\":\"a\",\"message\":\"b\",\"errorClass\":\"E\",\"stack\":[],\"metadata\":[],\"cause\":null}}\n";
    HttpResponse<String> inError = server.send(request("/api/v1/import?kind=errors", nested));
    assertThat(inError.statusCode()).as(inError.body()).isEqualTo(400);
    assertThat(inError.body()).contains("line 1: the line has the member \\\"message\\\" twice in one object");
    assertThat(server.errors()).isEmpty();
  }

  @Test
  void aBodyInUtf16IsRefusedAsNotUtf8InsteadOfReadInTheEncodingItLooksLike() {
    for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE}) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofByteArray(GOOD.getBytes(charset))).build());

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).as(charset.name()).contains("line 1: the line has a 00 byte at column "
          + (charset == StandardCharsets.UTF_16BE ? 1 : 2) + ", as UTF-16 or UTF-32 text has, never a JSON line in"
          + " UTF-8; send the export encoded as UTF-8");
    }
    assertThat(server.events()).isEmpty();
  }

  @Test
  void anImportWithoutKindSaysTheParameterIsMissingInPlainWords() {
    HttpResponse<String> refused = server.send(request("/api/v1/import", GOOD));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).isEqualTo("{\"error\":\"the kind parameter is missing: give kind=events, cli or errors\","
        + "\"parameter\":\"kind\"}");
    assertThat(server.events()).isEmpty();
  }

  private HttpResponse<String> importEvents(String body) {
    return server.send(request("/api/v1/import?kind=events", body));
  }

  private HttpRequest request(String path, String body) {
    return HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
  }
}
