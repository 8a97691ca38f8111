package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertGraphQlError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import dev.pulse.server.store.StoredEvent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests at the edges of the schema: the plain {@code SendTelemetries} request takes a shortcut
 * past graphql-java's coercion, so these pin that it accepts and refuses exactly what the schema does.
 */
class WireCompatibilityTest {

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  static TestServer server() {
    return shared.server();
  }

  @Test
  void refusesAnUnknownFieldInAComponent() throws Exception {
    int before = server().storedCount();
    String body =
        Bodies.telemetries(1).replace("\"cloudClientId\":\"\"", "\"cloudClientId\":\"\",\"ip\":\"10.0.0.1\"");
    assertGraphQlError(server().postTelemetry(body), "BAD_USER_INPUT", "ip");
    assertThat(server().storedCount()).isEqualTo(before);
  }

  @Test
  void refusesANonStringEbpfField() throws Exception {
    int before = server().storedCount();
    String body = Bodies.telemetries(1).replace("\"podName\":\"\"", "\"podName\":7");
    HttpResponse<String> response = server().postTelemetry(body);
    assertThat(response.body()).contains("errors");
    assertThat(server().storedCount()).isEqualTo(before);
  }

  @Test
  void refusesAnOperationNameTheDocumentDoesNotHave() throws Exception {
    int before = server().storedCount();
    String body = Bodies.telemetries(1).replace("\"operationName\":\"SendTelemetries\"", "\"operationName\":\"Other\"");
    HttpResponse<String> response = server().postTelemetry(body);
    assertThat(response.body()).contains("errors").contains("Other");
    assertThat(server().storedCount()).isEqualTo(before);
  }

  @Test
  void acceptsANumericIdAsTheSchemaDoes() throws Exception {
    String body =
        Bodies.telemetries(1)
            .replace("\"componentInstanceId\":\"c0ffee00-1234-4abc-8def-0123456789ab\"", "\"componentInstanceId\":42");
    assertThat(server().postTelemetry(body).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    String stored = server().events().get(server().events().size() - 1).component().componentInstanceId();
    assertThat(stored).as("re-keyed, as every id that is not a random UUID").isNotEqualTo("42");
    assertThat(UUID.fromString(stored).version()).isEqualTo(4);
  }

  @Test
  void acceptsAnExplicitNullCountAndEbpfAsZeroAndNothing() throws Exception {
    String body =
        Bodies.sendTelemetries(
            "[{\"component\":" + Bodies.component("v1") + ",\"data\":{\"eventType\":\"ACTIVE\",\"count\":null,\"ebpf\":null}}]");
    assertThat(server().postTelemetry(body).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server().events().get(server().events().size() - 1).data().count()).isZero();
    assertThat(server().events().get(server().events().size() - 1).data().error()).isEmpty();
  }

  @Test
  void acceptsTheDocumentWithoutAnOperationName() throws Exception {
    String body = Bodies.telemetries(2).replace(",\"operationName\":\"SendTelemetries\"", "");
    assertThat(server().postTelemetry(body).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
  }

  @Test
  void theShortcutStoresWhatGraphQlJavaStoresForTheSameEvents() throws Exception {
    String events = "[" + Bodies.event("v1.5.0", "INTENTS_DISCOVERED", 166, "")
        + ",{\"component\":" + Bodies.component("v1.6.0-rc.1") + ",\"data\":{\"eventType\":\"ACTIVE\"}}"
        + "," + Bodies.event("v1.5.0", "INTENTS_APPLIED", 0, "reconcile failed") + "]";
    String plain = Bodies.sendTelemetries(events);
    // One more space in the operation text: the same mutation, but not the exact document the
    // shortcut recognizes, so graphql-java parses, validates and coerces it.
    String general = plain.replace("mutation SendTelemetries", "mutation  SendTelemetries");
    assertThat(general).isNotEqualTo(plain);

    List<StoredEvent> viaShortcut = storedBy(plain);
    List<StoredEvent> viaGraphQlJava = storedBy(general);

    assertThat(viaShortcut).hasSize(3);
    assertThat(viaShortcut).extracting(StoredEvent::component, StoredEvent::data)
        .containsExactlyElementsOf(
            viaGraphQlJava.stream().map(e -> tuple(e.component(), e.data())).toList());
  }

  private static List<StoredEvent> storedBy(String body) {
    int before = server().events().size();
    assertThat(server().postTelemetry(body).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    List<StoredEvent> all = server().events();
    return all.subList(before, all.size());
  }
}
