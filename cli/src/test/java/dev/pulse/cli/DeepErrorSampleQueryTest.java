package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse query error} shows a sample deeper than Jackson's default nesting bound of 1,000 (an
 * import may hold one) from a server as the server sent it, and in a table as it shows the data dir's:
 * not as "not a Pulse server", nor a stack overflow.
 */
class DeepErrorSampleQueryTest {

  private static final String TOKEN = "deep-error-sample-query-token";
  private static final String FINGERPRINT = "3b0f6c1d2e4a5b69";
  private static final int CAUSES = 2_000;

  @TempDir Path dataDir;

  @Test
  void aDeepSampleIsShownFromAServerAsItSentItAndInTheTableTheDataDirGives() throws Exception {
    String apiJson;
    PulseRun remoteJson;
    PulseRun remoteTable;
    try (PulseServer server = PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .adminToken(TOKEN).build())) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/import?kind=errors"))
          .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(exportLine())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(imported.body()).isEqualTo("{\"imported\":1,\"skipped\":0}");
      apiJson = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/errors/" + FINGERPRINT))
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();

      remoteJson = PulseRun.run(Map.of(), "query", "error", "--fingerprint", FINGERPRINT, "--server", base,
          "--token", TOKEN, "--format", "json");
      remoteTable = PulseRun.run(Map.of(), "query", "error", "--fingerprint", FINGERPRINT, "--server", base,
          "--token", TOKEN);
    }
    PulseRun localTable = PulseRun.run(Map.of(), "query", "error", "--fingerprint", FINGERPRINT, "--data-dir",
        dataDir.toString());

    assertThat(remoteJson.exitCode()).as(remoteJson.output()).isZero();
    assertThat(remoteJson.output()).isEqualTo(apiJson + System.lineSeparator());
    assertThat(localTable.exitCode()).as(localTable.output()).isZero();
    assertThat(remoteTable.exitCode()).as(remoteTable.output()).isZero();
    assertThat(remoteTable.output()).isEqualTo(localTable.output()).contains("{\"message\":\"cause 0\"");
  }

  /** One error record as {@code pulse export} writes it, its chain {@link #CAUSES} errors long. */
  private static String exportLine() {
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i < CAUSES; i++) {
      chain.append("{\"message\":\"cause ").append(i)
          .append("\",\"errorClass\":\"E\",\"stack\":[],\"metadata\":[],\"cause\":");
    }
    chain.append("null").append("}".repeat(CAUSES));
    return "{\"receivedAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS)
        + "\",\"componentType\":\"INTENTS_OPERATOR\",\"componentInstanceId\":\"i-1\",\"contextId\":\"ctx\","
        + "\"version\":\"v3.0.2\",\"cloudClientId\":\"\",\"fingerprint\":\"" + FINGERPRINT + "\",\"error\":" + chain
        + "}\n";
  }
}
