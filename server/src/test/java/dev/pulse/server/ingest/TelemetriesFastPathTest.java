package dev.pulse.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.TelemetryInput;
import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shortcut that reads a plain {@code SendTelemetries} straight from its JSON tokens: every body
 * it takes must mean what the general path (a tree of maps read by {@link InputReader}) makes of it,
 * and it must decline every body that is not certainly valid, leaving the answer to graphql-java.
 */
class TelemetriesFastPathTest {

  private static final IngestLimits LIMITS = IngestLimits.defaults();
  private static final TelemetriesFastPath FAST_PATH =
      new TelemetriesFastPath(LIMITS.jsonFactory(), new InputReader(LIMITS), LIMITS.maxItemsPerRequest());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUERY = quote(WireOperations.SEND_TELEMETRIES);
  private static final String COMPONENT = "{\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"i-1\","
      + "\"contextId\":\"ctx\",\"version\":\"v1.5.0\",\"cloudClientId\":\"cloud\"}";
  private static final String DATA = "{\"eventType\":\"INTENTS_DISCOVERED\",\"count\":3,\"error\":\"\"}";
  private static final String ITEM = "{\"component\":" + COMPONENT + ",\"data\":" + DATA + "}";

  @ParameterizedTest
  @ValueSource(strings = {
    "the network mapper's full batch",
    "{\"query\":Q,\"variables\":{\"telemetries\":[ITEM]},\"operationName\":\"SendTelemetries\"}",
    "{\"variables\":{\"telemetries\":[ITEM,ITEM]},\"query\":Q}",
    "{\"operationName\":null,\"query\":Q,\"extensions\":{\"a\":[1,{\"b\":null}]},\"variables\":{\"telemetries\":[]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"data\":DATA,\"component\":COMPONENT}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"version\":\"v\",\"contextId\":\"c\","
        + "\"componentInstanceId\":\"i\",\"componentType\":\"CREDENTIALS_OPERATOR\"},\"data\":{\"eventType\":\"STARTED\"}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"INTENTS_OPERATOR\","
        + "\"componentInstanceId\":\"i\",\"contextId\":\"c\",\"version\":\"v\",\"cloudClientId\":null},"
        + "\"data\":{\"eventType\":\"ACTIVE\",\"count\":null,\"error\":null,\"ebpf\":null}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":{\"eventType\":\"ACTIVE\","
        + "\"count\":2147483647,\"error\":\"boom\",\"ebpf\":{\"podName\":\"p\",\"executable\":null}}}]}}",
    // members named with escapes: not the bytes the Go components write, the same names
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":\"i\",\"\\u0063ontextId\":\"c\",\"version\":\"v\"},"
        + "\"d\\u0061ta\":{\"eventType\":\"ACTIVE\",\"c\\u006funt\":4}}]}}",
    // items that differ from the one before in one member each, then repeat an earlier one: values
    // repeated from the previous item are reused, so each change must be seen, equal lengths too
    "{\"query\":Q,\"variables\":{\"telemetries\":[ITEM,"
        + "{\"component\":{\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"i-1\","
        + "\"contextId\":\"cty\",\"version\":\"v1.5.0\",\"cloudClientId\":\"cloud\"},\"data\":DATA},"
        + "{\"component\":{\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"i-1\","
        + "\"contextId\":\"cty\",\"version\":\"v1.5.1\",\"cloudClientId\":\"cloud\"},\"data\":DATA},"
        + "{\"component\":{\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"i-2\","
        + "\"contextId\":\"cty\",\"version\":\"v1.5.1\"},\"data\":{\"eventType\":\"ACTIVE\",\"error\":\"e1\"}},"
        + "{\"component\":{\"componentType\":\"INTENTS_OPERATOR\",\"componentInstanceId\":\"i-2\","
        + "\"contextId\":\"cty\",\"version\":\"v1.5.1\",\"cloudClientId\":null},"
        + "\"data\":{\"eventType\":\"ACTIVE\",\"error\":\"e2\"}},"
        + "{\"component\":{\"componentType\":\"INTENTS_OPERATOR\",\"componentInstanceId\":\"i-2\","
        + "\"contextId\":\"cty\",\"version\":\"v1.5.1\",\"cloudClientId\":\"\"},\"data\":DATA},"
        + "ITEM]}}",
    // a surrogate pair is one character (an emoji), kept as sent
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,"
        + "\"data\":{\"eventType\":\"ACTIVE\",\"error\":\"ok \\ud83d\\ude00 \u00e9\"}}]}}",
  })
  void takesAPlainValidRequestAsTheGeneralPathReadsIt(String template) throws Exception {
    String body = body(template);

    List<TelemetryInput> fast = FAST_PATH.read(body.getBytes(StandardCharsets.UTF_8));

    assertThat(fast).isNotNull().isEqualTo(generalPath(body));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // not the Go components' document, or not that operation
    "{\"query\":\"mutation { sendTelemetries(telemetries: []) }\",\"variables\":{\"telemetries\":[]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[ITEM]},\"operationName\":\"Other\"}",
    "{\"variables\":{\"telemetries\":[ITEM]}}",
    "{\"query\":Q,\"variables\":null}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[ITEM],\"other\":1}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":ITEM}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[ITEM,null]}}",
    // repeated members: the general path keeps the last, the shortcut does not guess
    "{\"query\":Q,\"query\":Q,\"variables\":{\"telemetries\":[ITEM]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"component\":COMPONENT,\"data\":DATA}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,"
        + "\"data\":{\"eventType\":\"ACTIVE\",\"count\":1,\"count\":-1}}]}}",
    // what the schema refuses
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":DATA,\"extra\":{}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"NOT_A_TYPE\","
        + "\"componentInstanceId\":\"i\",\"contextId\":\"c\",\"version\":\"v\"},\"data\":DATA}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":\"i\",\"contextId\":null,\"version\":\"v\"},\"data\":DATA}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":\"i\",\"version\":\"v\"},\"data\":DATA}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":7,\"contextId\":\"c\",\"version\":\"v\"},\"data\":DATA}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":{\"eventType\":\"NOT_AN_EVENT\"}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":{\"eventType\":\"ACTIVE\",\"count\":1.5}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":{\"eventType\":\"ACTIVE\",\"count\":2147483648}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":{\"eventType\":\"ACTIVE\",\"count\":\"3\"}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":{\"eventType\":\"ACTIVE\",\"ebpf\":{\"ip\":\"x\"}}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":{\"eventType\":\"ACTIVE\",\"ebpf\":{\"podName\":1}}}]}}",
    // over a limit: graphql-java's path names it
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":COMPONENT,\"data\":{\"eventType\":\"ACTIVE\",\"count\":-1}}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":\"LONG\",\"contextId\":\"c\",\"version\":\"v\"},\"data\":DATA}]}}",
    // a character no store can hold: graphql-java's path names it
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":\"i\",\"contextId\":\"c\",\"version\":\"v1\\u0000x\"},\"data\":DATA}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[{\"component\":{\"componentType\":\"NETWORK_MAPPER\","
        + "\"componentInstanceId\":\"i\\ud800\",\"contextId\":\"c\",\"version\":\"v\"},\"data\":DATA}]}}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[ITEM,{\"component\":COMPONENT,"
        + "\"data\":{\"eventType\":\"ACTIVE\",\"error\":\"x\\udc00\"}}]}}",
    // not JSON, or more than one value
    "{\"query\":Q,\"variables\":{\"telemetries\":[ITEM]}",
    "{\"query\":Q,\"variables\":{\"telemetries\":[ITEM]}} {}",
    "null",
    "",
  })
  void declinesAnythingElse(String template) {
    String body = body(template).replace("LONG", "x".repeat(LIMITS.maxIdentifierLength() + 1));

    assertThat(FAST_PATH.read(body.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void itemsOfOneInstallShareOneComponentAndItsStrings() {
    List<TelemetryInput> items = FAST_PATH.read(body("the network mapper's full batch").getBytes(StandardCharsets.UTF_8));

    assertThat(items).hasSizeGreaterThan(1);
    assertThat(items).allSatisfy(item -> assertThat(item.component()).isSameAs(items.get(0).component()));
    assertThat(items).allSatisfy(item -> assertThat(item.data().error()).isSameAs(items.get(0).data().error()));
  }

  @Test
  void declinesMoreItemsThanTheLimit() {
    String items = String.join(",", Collections.nCopies(LIMITS.maxItemsPerRequest() + 1, ITEM));
    String atLimit = String.join(",", Collections.nCopies(LIMITS.maxItemsPerRequest(), ITEM));

    assertThat(FAST_PATH.read(body("{\"query\":Q,\"variables\":{\"telemetries\":[" + items + "]}}")
        .getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(FAST_PATH.read(body("{\"query\":Q,\"variables\":{\"telemetries\":[" + atLimit + "]}}")
        .getBytes(StandardCharsets.UTF_8))).hasSize(LIMITS.maxItemsPerRequest());
  }

  @Test
  void declinesInvalidUtf8() {
    byte[] body = body("{\"query\":Q,\"variables\":{\"telemetries\":[ITEM]}}").replace("i-1", "i-\u00e9")
        .getBytes(StandardCharsets.UTF_8);
    int at = indexOf(body, (byte) 0xc3);
    body[at + 1] = (byte) 0x28; // a lead byte followed by no continuation byte

    assertThat(FAST_PATH.read(body)).isNull();
  }

  private static String body(String template) {
    if (template.equals("the network mapper's full batch")) {
      return TestServer.resource("/conformance/02-mapper-full-batch.json");
    }
    return template.replace("ITEM", ITEM).replace("COMPONENT", COMPONENT).replace("DATA", DATA).replace("Q", QUERY);
  }

  /** What the general path makes of the variable: a tree of maps, read by InputReader. */
  private static List<TelemetryInput> generalPath(String body) throws Exception {
    Map<String, Object> request = JSON.readValue(body, new TypeReference<>() {});
    Object telemetries = ((Map<?, ?>) request.get("variables")).get("telemetries");
    return new InputReader(LIMITS).telemetries("telemetries", telemetries);
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
