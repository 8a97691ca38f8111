package dev.pulse.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.WireOperations;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link Ingestor#ingest(byte[])}, the one entry of ingestion, over a real DuckDB store. */
@Isolated
class IngestorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private DuckDbEventStore store;
  private Ingestor ingestor;

  @BeforeEach
  void open() {
    store = DuckDbEventStore.open(dataDir);
    ingestor = new Ingestor(IngestLimits.defaults(), store, ContextKeyer.withSecret(new byte[32]),
        Clock.systemUTC(), IngestObserver.NONE);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void storesEveryEventOfAPlainSendTelemetriesAndEveryCommandOfAnotherOperation() throws Exception {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      items.add(Map.of(
          "component", Map.of("componentType", "NETWORK_MAPPER", "componentInstanceId", "i-" + i,
              "contextId", "ctx", "version", "v1"),
          "data", Map.of("eventType", "ACTIVE", "count", i)));
    }
    String telemetries = JSON.writeValueAsString(Map.of("query", WireOperations.SEND_TELEMETRIES,
        "variables", Map.of("telemetries", items)));
    String cli = JSON.writeValueAsString(Map.of("query", WireOperations.SEND_CLI_TELEMETRY,
        "variables", Map.of("telemetry", Map.of(
            "identifier", Map.of("version", "v2", "contextId", "ctx", "cloudClientId", ""),
            "command", Map.of("noun", "mapper", "verb", "export", "modifiers", List.of("-o"))))));

    IngestResult first = ingestor.ingest(telemetries.getBytes(StandardCharsets.UTF_8));
    IngestResult second = ingestor.ingest(cli.getBytes(StandardCharsets.UTF_8));

    assertThat(first.accepted()).isTrue();
    assertThat(second.accepted()).as("%s", second.body()).isTrue();
    List<StoredEvent> events = new ArrayList<>();
    store.forEachEvent(events::add);
    List<StoredCliCommand> commands = new ArrayList<>();
    store.forEachCliCommand(commands::add);
    assertThat(events).hasSize(items.size());
    assertThat(events).extracting(e -> e.data().count())
        .containsExactlyInAnyOrderElementsOf(items.stream().map(i -> (Integer) ((Map<?, ?>) i.get("data")).get("count")).toList());
    assertThat(commands).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"variables\":{\"telemetries\":[]}}|MISSING_QUERY",
    "null|BAD_REQUEST",
    "{\"query\":|MALFORMED_JSON",
    "[1,2]|BAD_REQUEST",
  })
  void refusesABodyThatIsNotARequestWithItsCodeAndStoresNothing(String body, String code) {
    assertThatThrownBy(() -> ingestor.ingest(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.code()).isEqualTo(code));
    List<StoredEvent> events = new ArrayList<>();
    store.forEachEvent(events::add);
    assertThat(events).isEmpty();
  }

  @Test
  void answersInEnglishOnAServerWhoseDefaultLocaleIsAnother() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMAN);
    try {
      IngestResult result = ingestor.ingest("{\"query\":\"{ nope }\"}".getBytes(StandardCharsets.UTF_8));

      assertThat(result.accepted()).isFalse();
      assertThat(result.body().toString()).contains("Validation error").contains("'nope'")
          .doesNotContain("Validierungsfehler");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void theErrorTextOfAUsageEventIsScrubbedOnBothPaths() throws Exception {
    Map<String, Object> item = Map.of(
        "component", Map.of("componentType", "NETWORK_MAPPER", "componentInstanceId", "i-1",
            "contextId", "ctx", "version", "v1"),
        "data", Map.of("eventType", "ACTIVE", "count", 1, "error", "dial tcp 10.0.0.7:9092 as jane@example.com"));
    String plain = JSON.writeValueAsString(Map.of("query", WireOperations.SEND_TELEMETRIES,
        "variables", Map.of("telemetries", List.of(item))));
    String aliased = JSON.writeValueAsString(Map.of(
        "query", "mutation($t: [TelemetryInput!]!) { sent: sendTelemetries(telemetries: $t) }",
        "variables", Map.of("t", List.of(item))));

    assertThat(ingestor.ingest(plain.getBytes(StandardCharsets.UTF_8)).accepted()).isTrue();
    IngestResult second = ingestor.ingest(aliased.getBytes(StandardCharsets.UTF_8));

    assertThat(second.accepted()).as("%s", second.body()).isTrue();
    List<StoredEvent> events = new ArrayList<>();
    store.forEachEvent(events::add);
    assertThat(events).extracting(e -> e.data().error())
        .containsExactly("dial tcp <ip>:9092 as <email>", "dial tcp <ip>:9092 as <email>");
  }

  @Test
  void aCliCommandsModifiersAreScrubbed() throws Exception {
    String cli = JSON.writeValueAsString(Map.of("query", WireOperations.SEND_CLI_TELEMETRY,
        "variables", Map.of("telemetry", Map.of(
            "identifier", Map.of("version", "v2", "contextId", "ctx", "cloudClientId", ""),
            "command", Map.of("noun", "login", "verb", "run",
                "modifiers", List.of("-o", "--password=hunter2", "--user=jane@example.com"))))));

    assertThat(ingestor.ingest(cli.getBytes(StandardCharsets.UTF_8)).accepted()).isTrue();

    List<StoredCliCommand> commands = new ArrayList<>();
    store.forEachCliCommand(commands::add);
    assertThat(commands).extracting(c -> c.command().modifiers())
        .containsExactly(List.of("-o", "--password=<secret>", "--user=<user>"));
  }

  @Test
  void anInstanceIdThatIsNotARandomUuidIsStoredReKeyedTheSameWayOnBothPaths() throws Exception {
    String random = "c0ffee00-1234-4abc-8def-0123456789ab";
    String hostName = "janes-laptop.corp.example.com";
    String macBased = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"; // version 1: a MAC address and a time
    List<Map<String, Object>> items = new ArrayList<>();
    for (String id : List.of(random, hostName, macBased)) {
      items.add(Map.of(
          "component", Map.of("componentType", "NETWORK_MAPPER", "componentInstanceId", id,
              "contextId", "ctx", "version", "v1"),
          "data", Map.of("eventType", "ACTIVE", "count", 1)));
    }
    String plain = JSON.writeValueAsString(Map.of("query", WireOperations.SEND_TELEMETRIES,
        "variables", Map.of("telemetries", items)));
    String aliased = JSON.writeValueAsString(Map.of(
        "query", "mutation($t: [TelemetryInput!]!) { sent: sendTelemetries(telemetries: $t) }",
        "variables", Map.of("t", items)));

    assertThat(ingestor.ingest(plain.getBytes(StandardCharsets.UTF_8)).accepted()).isTrue();
    IngestResult second = ingestor.ingest(aliased.getBytes(StandardCharsets.UTF_8));

    assertThat(second.accepted()).as("%s", second.body()).isTrue();
    List<String> stored = new ArrayList<>();
    store.forEachEvent(e -> stored.add(e.component().componentInstanceId()));
    assertThat(stored).hasSize(6).doesNotContain(hostName, macBased).filteredOn(random::equals).hasSize(2);
    assertThat(stored).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(4));
    assertThat(new HashSet<>(stored)).as("one stored id per instance, on both paths").hasSize(3);
  }
  /**
   * A chain within the limits, read on a thread with a smaller stack than the limits were set for, is
   * refused in our words (the client can send a shorter one), not a 500; the next request is served.
   */
  @Test
  void aChainTooDeepForTheThreadsStackIsRefusedAsTooDeepAndTheIngestorGoesOn() throws Exception {
    int depth = IngestLimits.MAX_CAUSE_DEPTH;
    Ingestor deep = new Ingestor(IngestLimits.defaults().withMaxCauseDepth(depth),
        store, ContextKeyer.withSecret(new byte[32]), Clock.systemUTC(), IngestObserver.NONE);
    StringBuilder chain = new StringBuilder();
    chain.append("{\"message\":\"m\",\"errorClass\":\"E\",\"cause\":".repeat(depth)).append("null")
        .append("}".repeat(depth));
    byte[] body = ("{\"query\":" + JSON.writeValueAsString(WireOperations.REPORT_ERRORS) + ",\"variables\":{"
        + "\"component\":{\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"i-1\","
        + "\"contextId\":\"ctx\",\"version\":\"v1\"},\"errors\":[" + chain + "]}}")
        .getBytes(StandardCharsets.UTF_8);
    Throwable[] thrown = new Throwable[1];
    Thread small = new Thread(null, () -> {
      try {
        deep.ingest(body);
      } catch (Throwable t) {
        thrown[0] = t;
      }
    }, "small-stack", 96 * 1024);
    small.start();
    small.join();

    assertThat(thrown[0]).isInstanceOf(BadRequestException.class)
        .hasMessage("the request nests deeper than this server's threads can read (an error's cause chain of up"
            + " to " + depth + " is taken, maxCauseDepth); send shorter cause chains");
    assertThat(((BadRequestException) thrown[0]).code()).isEqualTo("JSON_TOO_DEEP");
    assertThat(deep.ingest(body).accepted()).as("the same body on a request thread's stack").isTrue();
    List<StoredError> stored = new ArrayList<>();
    store.forEachError(stored::add);
    assertThat(stored).hasSize(1);
  }
}
