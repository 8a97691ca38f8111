package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.ReportedError;
import dev.pulse.server.TestServer;
import dev.pulse.server.export.ExportFormat;
import dev.pulse.server.ingest.IngestLimits;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.StoredError;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error sample as deep as Jackson's default nesting bound of 1,000, or deeper (a chain sent to the
 * telemetry endpoint of a server set to take it; one of 19,990, nearly as deep as an import reads, imported) is
 * answered whole by the error analysis, as JSON and as CSV: never a 500 from a writer's nesting bound
 * or a stack overflow.
 */
class DeepErrorSampleApiTest {

  private static final ObjectMapper DEEP = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build()).build());

  @TempDir Path dataDir;

  /** A chain as deep as a server takes (the highest {@code maxCauseDepth}) is stored, and answered whole. */
  @Test
  void aSampleAsDeepAsTheEndpointTakesIsAnsweredWholeAsJsonAndCsv() throws Exception {
    int length = IngestLimits.MAX_CAUSE_DEPTH;
    try (TestServer server = TestServer.start(dataDir, b -> b.limits(IngestLimits.defaults().withMaxCauseDepth(length)))) {
      HttpResponse<String> sent = server.postTelemetry(Bodies.sendErrors("[" + Bodies.errorChain(length) + "]"));
      assertThat(sent.body()).isEqualTo("{\"data\":{\"sendErrors\":true}}");

      assertSampleWhole(server, server.errors().get(0).fingerprint(), length);
    }
  }

  @Test
  void aSampleOfNearlyTwentyThousandCausesImportedIsAnsweredWholeAsJsonAndCsv() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> imported = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=errors"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(exportLine(19_990))).build());
      assertThat(imported.body()).isEqualTo("{\"imported\":1,\"skipped\":0}");

      assertSampleWhole(server, server.errors().get(0).fingerprint(), 19_990);
    }
  }

  private static void assertSampleWhole(TestServer server, String fingerprint, int length) throws Exception {
    String path = "/api/v1/errors/" + fingerprint + "?from=2026-01-01&to=" + LocalDate.now(ZoneOffset.UTC);
    HttpResponse<String> json = server.get(path, TestServer.ADMIN_TOKEN);
    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(causes(DEEP.readTree(json.body()).at("/rows/0/sample"))).isEqualTo(length);

    HttpResponse<String> csv = server.get(path + "&format=csv", TestServer.ADMIN_TOKEN);
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    String sample = csv.body().substring(csv.body().indexOf("\"{") + 1, csv.body().lastIndexOf("}\"") + 1);
    assertThat(causes(DEEP.readTree(sample.replace("\"\"", "\"")))).isEqualTo(length);
  }

  private static int causes(JsonNode sample) {
    int length = 0;
    for (JsonNode e = sample; e != null && e.isObject(); e = e.get("cause")) {
      length++;
    }
    return length;
  }

  private static String exportLine(int length) throws Exception {
    StoredError base = Fixture.error("deep", "ctx-deep", Instant.now());
    ReportedError chain = null;
    for (int i = 0; i < length; i++) {
      chain = new ReportedError("cause " + i, "java.lang.IllegalStateException", chain, List.of(), List.of());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = ExportFormat.generator(out)) {
      ExportFormat.writeRecord(generator,
          new StoredError(base.receivedAt(), base.component(), base.fingerprint(), chain));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
