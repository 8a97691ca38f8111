package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Thousands of deterministically mutated conformance bodies against a real server: none is answered
 * with a 5xx, a stack trace or a Java class name, every answer is JSON, a refused request stores
 * nothing and an accepted one stores exactly what it sent. The bodies come from one seed, printed on
 * failure; rerun with {@code -Dpulse.fuzz.seed=<seed>} to get the same bodies again.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class MutatedBodiesFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = Long.getLong("pulse.fuzz.seed", 0x5EED_2026_1202L);
  private static final String[] FILES = {
    "01-operator-started.json", "02-mapper-full-batch.json", "03-older-client.json", "04-cli-command.json",
    "05-cli-modifiers.json", "06-report-errors.json", "07-unknown-event-type.json", "08-missing-context-id.json"
  };
  private static final String[] LEAKS = {"java.", "Exception", "at dev.pulse", "\tat "};
  /** Stored records are counted after this many bodies (counting reads every record back). */
  private static final int CHECK_EVERY = 100;

  @TempDir Path dataDir;

  @Test
  void mutatedBodiesNeverGetA5xxALeakOrAPartialStoreOnDuckDb() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      fuzz(server, SEED, 2000);
    }
  }

  @Test
  void mutatedBodiesNeverGetA5xxALeakOrAPartialStoreOnPostgres() throws Exception {
    var database = EmbeddedPostgresServer.newDatabase();
    try (TestServer server = TestServer.start(dataDir, b -> b.store(database.jdbcUrl() + "?user=" + database.user()))) {
      fuzz(server, SEED + 1, 500);
    }
  }

  private static void fuzz(TestServer server, long seed, int bodies) throws Exception {
    List<String> originals = new ArrayList<>();
    for (String file : FILES) {
      originals.add(TestServer.resource("/conformance/" + file).strip());
    }
    BodyMutator mutator = new BodyMutator(seed);
    int expected = 0;
    int accepted = 0;
    int lastChecked = 0;
    for (int i = 0; i < bodies; i++) {
      byte[] body = mutator.mutate(originals.get(i % originals.size()));
      String where = "seed " + seed + " (rerun with -Dpulse.fuzz.seed=" + seed + "), body #" + i + ": "
          + excerpt(body);
      int sent = answeredWell(server, body, where);
      if (sent >= 0) {
        expected += sent;
        accepted++;
      }
      if ((i + 1) % CHECK_EVERY == 0 || i == bodies - 1) {
        assertThat(server.storedCount())
            .as("records stored after bodies #%d..#%d, %s", lastChecked, i, where)
            .isEqualTo(expected);
        lastChecked = i + 1;
      }
    }
    System.out.printf("fuzz, seed %d: %d bodies, %d accepted, %d records stored%n", seed, bodies, accepted, expected);
    // The mutations must leave some bodies valid, or "accepted ones store what they sent" is untested.
    assertThat(accepted).as("accepted bodies of %d, seed %d", bodies, seed).isBetween(bodies / 50, bodies - bodies / 5);
  }

  /** Checks the answer; returns the records an accepted body sent, or -1 when it was refused. */
  private static int answeredWell(TestServer server, byte[] body, String where) throws Exception {
    HttpResponse<String> response = server.postTelemetry(body, null);
    assertThat(response.statusCode()).as("status, %s; answer %s", where, response.body()).isLessThan(500);
    String requestText = new String(body, StandardCharsets.UTF_8);
    for (String leak : LEAKS) {
      if (!requestText.contains(leak)) {
        assertThat(response.body()).as("answer to %s", where).doesNotContain(leak);
      }
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("the answer is not JSON, " + where + ": " + response.body(), e);
    }
    assertThat(answer != null && answer.isObject()).as("a JSON object answers %s", where).isTrue();
    if (response.statusCode() != 200 || answer.has("errors") || !answer.path("data").isObject()) {
      return -1;
    }
    return sent(JSON.readTree(body), answer.get("data"), where);
  }

  /** The records an accepted request carried, read from its variables as the server reads them. */
  private static int sent(JsonNode request, JsonNode data, String where) {
    JsonNode variables = request.path("variables");
    if (data.path("sendTelemetries").asBoolean()) {
      return items(variables.get("telemetries"));
    }
    if (data.path("sendErrors").asBoolean()) {
      return items(variables.get("errors"));
    }
    if (data.path("sendCLITelemetries").asBoolean()) {
      return 1;
    }
    throw new AssertionError("an accepted request answered nothing known, " + where + ": " + data);
  }

  /** A list variable's items; a single value stands for a list of one (GraphQL input coercion). */
  private static int items(JsonNode list) {
    return list.isArray() ? list.size() : 1;
  }

  private static String excerpt(byte[] body) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < body.length && text.length() < 400; i++) {
      int b = body[i] & 0xff;
      text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return body.length * 4 > text.length() && text.length() >= 400 ? text + "... (" + body.length + " bytes)" : text.toString();
  }
}
