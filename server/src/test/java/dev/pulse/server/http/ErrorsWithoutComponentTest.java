package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sendErrors} with a null {@code component} (the schema allows it) is stored, exported,
 * recognised when imported again (an import adds nothing it holds) and shown in the error analytics, grouped by fingerprint, counting under no install;
 * erasing an install leaves them (they name none). The same on both stores.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class ErrorsWithoutComponentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The Go document declares {@code $component: Component!}; a client may declare it nullable. */
  private static final String NULLABLE_COMPONENT =
      "mutation ReportErrors($component: Component, $errors: [Error!]!) {"
          + " sendErrors(component: $component, errors: $errors) }";

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"duckdb", "postgresql"})
  void storesExportsReimportsAndShowsReportsWithoutAComponentUnderNoInstall(String store) throws Exception {
    try (TestServer server = TestServer.start(dataDir, store(store))) {
      String shared = Bodies.error("shared failure", "null", "[{\"key\":\"k\",\"value\":\"v\"}]");
      String lonely = Bodies.error("only ever sent without a component", "null", "null")
          .replace("*errors.errorString", "*net.OpError"); // another fingerprint
      assertAccepted(server.postTelemetry(withoutComponent("null", "[" + shared + "," + lonely + "]")));
      assertAccepted(server.postTelemetry(withoutComponent(null, "[" + shared + "]")));
      assertAccepted(server.postTelemetry(Bodies.sendErrors("[" + shared + "]")));

      List<StoredError> stored = server.errors();
      assertThat(stored).hasSize(4);
      assertThat(stored).filteredOn(e -> e.component() == null).hasSize(3);
      assertThat(stored.get(3).component().contextId()).isEqualTo(server.keyer().rekey(Bodies.CONTEXT_ID));

      String exported = server.get("/api/v1/export/errors", TestServer.ADMIN_TOKEN).body();
      JsonNode first = JSON.readTree(exported.split("\n")[0]);
      assertThat(first.get("componentType").isNull()).as(exported).isTrue();
      assertThat(first.get("contextId").isNull()).isTrue();
      assertThat(first.at("/error/message").asText()).isEqualTo("shared failure");

      assertThat(groups(server)).containsExactlyInAnyOrder(
          "shared failure: 3 reports, 1 installs, versions v3.0.2",
          "only ever sent without a component: 1 reports, 0 installs, versions ");

      HttpResponse<String> imported = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=errors"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(exported)).build());
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
      // Import is idempotent: the export read back is recognised, reports without a component included.
      assertThat(imported.body()).isEqualTo("{\"imported\":0,\"skipped\":4}");
      assertThat(server.errors()).isEqualTo(stored);
      JsonNode detail = JSON.readTree(server.get("/api/v1/errors/" + stored.get(1).fingerprint() + "?" + today(),
          TestServer.ADMIN_TOKEN).body());
      assertThat(detail.at("/rows/0/sample/message").asText()).isEqualTo("only ever sent without a component");
      assertThat(detail.at("/rows/0/installs").asLong()).isZero();

      HttpResponse<String> erased = server.send(HttpRequest.newBuilder(server.uri("/api/v1/installs/" + Bodies.CONTEXT_ID))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());
      assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
      assertThat(server.errors()).hasSize(3).allSatisfy(e -> assertThat(e.component()).isNull());
      assertThat(groups(server)).containsExactlyInAnyOrder(
          "shared failure: 2 reports, 0 installs, versions ",
          "only ever sent without a component: 1 reports, 0 installs, versions ");
    }
  }

  private static UnaryOperator<dev.pulse.server.ServerConfigBuilder> store(String store) {
    if (store.equals("duckdb")) {
      return b -> b;
    }
    var database = EmbeddedPostgresServer.newDatabase();
    return b -> b.store(database.jdbcUrl() + "?user=" + database.user());
  }

  /** A ReportErrors request whose component is {@code component} (JSON), or left out when null. */
  private static String withoutComponent(String component, String errors) {
    return "{\"query\":" + Bodies.quote(NULLABLE_COMPONENT) + ",\"variables\":{"
        + (component == null ? "" : "\"component\":" + component + ",") + "\"errors\":" + errors + "},"
        + "\"operationName\":\"" + WireOperations.REPORT_ERRORS_NAME + "\"}";
  }

  private static void assertAccepted(HttpResponse<String> response) {
    assertThat(response.body()).isEqualTo("{\"data\":{\"sendErrors\":true}}");
  }

  private static List<String> groups(TestServer server) throws Exception {
    HttpResponse<String> response = server.get("/api/v1/errors?" + today(), TestServer.ADMIN_TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("rows").valueStream()
        .map(row -> row.get("message").asText() + ": " + row.get("count").asLong() + " reports, "
            + row.get("installs").asLong() + " installs, versions " + row.get("versions").asText())
        .toList();
  }

  private static String today() {
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    return "from=" + day + "&to=" + day;
  }
}
