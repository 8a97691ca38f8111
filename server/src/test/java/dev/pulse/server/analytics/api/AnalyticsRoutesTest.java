package dev.pulse.server.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.analytics.Telemetry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsRoutesTest {

  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  private RoutesOnAClock routes;

  @BeforeEach
  void start() {
    routes = RoutesOnAClock.start(dataDir, TODAY, new Telemetry()
        .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-18")
        .event("a", ComponentType.INTENTS_OPERATOR, "v3", EventType.ACTIVE, 0, "2026-11-19")
        .event("b", ComponentType.NETWORK_MAPPER, "v2", EventType.SERVICE_DISCOVERED, 12, "2026-11-19")
        .cli("u", "v1", "intents", "apply", "2026-11-19", "--dry-run", "--all")
        .error("a", "v3", "fp-1", "failed, badly", "2026-11-19")
        .batch());
  }

  @AfterEach
  void stop() {
    routes.close();
  }

  @Test
  void answersTheContractsEnvelopeWithTheLast28DaysByDefault() throws Exception {
    JsonNode answer = json(get("active-installs"), 200);

    assertThat(answer.get("analysis").asText()).isEqualTo("active-installs");
    assertThat(answer.get("from").asText()).isEqualTo("2026-10-24");
    assertThat(answer.get("to").asText()).isEqualTo("2026-11-20");
    assertThat(answer.get("component").isNull()).isTrue();
    assertThat(answer.get("rows")).hasSize(28);
    JsonNode last = answer.get("rows").get(27);
    assertThat(last.get("day").asText()).isEqualTo("2026-11-20");
    assertThat(last.get("active").asLong()).isZero();
    assertThat(last.get("active7").asLong()).isEqualTo(2);
    assertThat(last.has("key")).isFalse();
  }

  @Test
  void appliesFiltersAndExtraParameters() throws Exception {
    JsonNode byComponent = json(get("active-installs?from=2026-11-19&to=2026-11-19&by=component"), 200);
    assertThat(byComponent.get("rows")).extracting(r -> r.get("key").asText())
        .containsExactly("INTENTS_OPERATOR", "NETWORK_MAPPER");

    JsonNode versions = json(get("versions?from=2026-11-19&to=2026-11-19&component=NETWORK_MAPPER"), 200);
    assertThat(versions.get("component").asText()).isEqualTo("NETWORK_MAPPER");
    assertThat(versions.get("rows")).extracting(r -> r.get("version").asText()).containsExactly("v2");

    JsonNode weeks = json(get("new-installs?from=2026-11-16&to=2026-11-22&period=week"), 200);
    assertThat(weeks.get("rows").get(0).get("week").asText()).isEqualTo("2026-11-16");
    assertThat(weeks.get("rows").get(0).get("newInstalls").asLong()).isEqualTo(2);

    JsonNode features = json(get("features"), 200);
    assertThat(features.get("rows").get(0).fieldNames()).toIterable()
        .containsExactly("eventType", "kind", "installs", "total", "median", "p90", "max");
    assertThat(features.get("columns")).extracting(JsonNode::asText)
        .containsExactly("eventType", "kind", "installs", "total", "median", "p90", "max");

    JsonNode none = json(get("versions?from=2026-11-19&to=2026-11-19&version=v9"), 200);
    assertThat(none.get("rows")).isEmpty();
    assertThat(none.get("columns")).extracting(JsonNode::asText)
        .containsExactly("day", "version", "activeInstalls", "share");

    JsonNode cli = json(get("cli"), 200);
    assertThat(cli.get("rows").get(0).get("modifiers").asText()).isEqualTo("--dry-run --all");

    JsonNode lifecycle = json(get("lifecycle?from=2026-11-16&to=2026-11-20"), 200);
    assertThat(lifecycle.get("rows").get(0).fieldNames()).toIterable()
        .containsExactly("week", "partial", "new", "returning", "resurrecting", "dormant");
    assertThat(lifecycle.get("rows").get(0).get("new").asLong()).isEqualTo(2);
    assertThat(lifecycle.get("rows").get(0).get("partial").asBoolean()).isTrue();

    JsonNode stickiness = json(get("stickiness?from=2026-11-01&to=2026-11-30&period=month"), 200);
    assertThat(stickiness.get("rows")).hasSize(30);
    assertThat(stickiness.get("rows").get(1).get("month").asText()).isEqualTo("2026-11-01");
    assertThat(stickiness.get("rows").get(1).get("installs").asLong()).isEqualTo(1);
  }

  @Test
  void givesCsvWithTheRowKeysAsHeader() throws Exception {
    HttpResponse<String> csv = get("errors?format=csv");

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("fingerprint,errorClass,message,count,installs,versions,firstSeen,lastSeen\r\n")
        .contains("fp-1,*errors.errorString,\"failed, badly\",1,1,v3,");
  }

  @Test
  void showsOneErrorWithItsSampleAndCauseChain() throws Exception {
    JsonNode answer = json(get("errors/fp-1"), 200);

    JsonNode row = answer.get("rows").get(0);
    assertThat(row.get("count").asLong()).isEqualTo(1);
    assertThat(row.get("sample").get("message").asText()).isEqualTo("failed, badly");
    assertThat(row.get("sample").get("cause").get("errorClass").asText()).isEqualTo("*net.OpError");
    assertThat(row.get("sample").get("stack").get(0).get("package").asText()).isEqualTo("networkpolicy");
    assertThat(get("errors/fp-unknown").statusCode()).isEqualTo(404);

    JsonNode trend = json(get("errors/fp-1/trend?from=2026-11-19&to=2026-11-19"), 200);
    assertThat(trend.get("rows").get(0).get("reports").asLong()).isEqualTo(1);
    JsonNode versions = json(get("errors/fp-1/versions?from=2026-11-19&to=2026-11-19"), 200);
    assertThat(versions.get("rows").get(0).get("version").asText()).isEqualTo("v3");
    assertThat(versions.get("rows").get(0).get("newInVersion").asBoolean()).isTrue();
  }

  @Test
  void rejectsBadParametersNamingThem() throws Exception {
    assertThat(json(get("versions?from=2026-13-01"), 400).get("parameter").asText()).isEqualTo("from");
    assertThat(json(get("versions?from=2026-11-20&to=2026-11-01"), 400).get("parameter").asText()).isEqualTo("from");
    assertThat(json(get("versions?to=yesterday"), 400).get("parameter").asText()).isEqualTo("to");
    assertThat(json(get("versions?component=TOASTER"), 400).get("parameter").asText()).isEqualTo("component");
    assertThat(json(get("versions?from=2024-01-01&to=2026-11-01"), 400).get("parameter").asText()).isEqualTo("to");
    assertThat(json(get("active-installs?by=color"), 400).get("parameter").asText()).isEqualTo("by");
    assertThat(json(get("new-installs?period=year"), 400).get("parameter").asText()).isEqualTo("period");
    assertThat(json(get("lifecycle?period=month"), 400).get("parameter").asText()).isEqualTo("period");
    assertThat(json(get("stickiness?period=day"), 400).get("parameter").asText()).isEqualTo("period");
    assertThat(json(get("cli?format=xml"), 400).get("parameter").asText()).isEqualTo("format");
  }

  @Test
  void suggestsTheValueAMisspeltOneProbablyMeantAndNoneForAnotherWord() throws Exception {
    assertThat(json(get("active-installs?by=comp"), 400).get("error").asText())
        .endsWith("must be component or version, not \"comp\" (did you mean component?)");
    assertThat(json(get("new-installs?period=weeek"), 400).get("error").asText())
        .endsWith("must be day or week, not \"weeek\" (did you mean week?)");
    assertThat(json(get("cli?format=cvs"), 400).get("error").asText())
        .endsWith("must be json or csv, not \"cvs\" (did you mean csv?)");
    assertThat(json(get("active-installs?by=color"), 400).get("error").asText())
        .endsWith("must be component or version, not \"color\"");
  }

  @Test
  void saysWhatIsWrongWithARange() throws Exception {
    assertThat(json(get("versions?from=2026-11-20&to=2026-11-01"), 400).get("error").asText())
        .isEqualTo("the first day 2026-11-20 is after the last day 2026-11-01");
    assertThat(json(get("versions?from=2024-01-01&to=2026-11-01"), 400).get("error").asText())
        .isEqualTo("the range 2024-01-01 to 2026-11-01 covers 1036 days; at most 400 are allowed");
  }

  @Test
  void takesAComponentTypeInAnyCaseAndRefusesAnUnknownOneListingTheKnown() throws Exception {
    JsonNode exact = json(get("versions?from=2026-11-19&to=2026-11-19&component=INTENTS_OPERATOR"), 200);
    assertThat(exact.get("rows")).extracting(r -> r.get("version").asText()).containsExactly("v3");
    assertThat(json(get("versions?from=2026-11-19&to=2026-11-19&component=intents-operator"), 200)).isEqualTo(exact);
    assertThat(json(get("versions?from=2026-11-19&to=2026-11-19&component=Intents_Operator"), 200)).isEqualTo(exact);
    assertThat(json(get("versions?component=TOASTER"), 400).get("error").asText())
        .isEqualTo("unknown component type \"TOASTER\"; one of INTENTS_OPERATOR, CREDENTIALS_OPERATOR, NETWORK_MAPPER,"
            + " CLI, NODE_AGENT");
  }

  @Test
  void refusesAParameterTheAnalysisDoesNotTakeInsteadOfIgnoringIt() throws Exception {
    JsonNode misspelt = json(get("versions?compnent=CLI"), 400);
    assertThat(misspelt.get("parameter").asText()).isEqualTo("compnent");
    assertThat(misspelt.get("error").asText())
        .isEqualTo("not a parameter of versions (did you mean component?); it takes from, to, component, version, format");
    JsonNode notTaken = json(get("versions?by=component"), 400);
    assertThat(notTaken.get("parameter").asText()).isEqualTo("by");
    assertThat(json(get("active-installs?period=week"), 400).get("error").asText())
        .isEqualTo("not a parameter of active-installs; it takes from, to, component, version, format, by");
    assertThat(json(get("errors/fp-1?fingerprint=fp-2"), 400).get("parameter").asText()).isEqualTo("fingerprint");
  }

  @Test
  void refusesAParameterGivenTwice() throws Exception {
    JsonNode twice = json(get("active-installs?from=2026-11-01&from=2026-11-02"), 400);
    assertThat(twice.get("parameter").asText()).isEqualTo("from");
    assertThat(twice.get("error").asText()).isEqualTo("given 2 times; give it once");
  }

  @Test
  void importsExportedRecordsKeepingReceiveTimesAndContexts() throws Exception {
    String lines = "{\"receivedAt\":\"2026-11-05T10:00:00.123456Z\",\"componentType\":\"NODE_AGENT\","
        + "\"componentInstanceId\":\"i-1\",\"contextId\":\"rekeyed-c\",\"version\":\"v9\",\"cloudClientId\":\"\","
        + "\"eventType\":\"EBPF_ATTACHED\",\"count\":4,\"error\":\"\"}\n\n"
        + "{\"receivedAt\":\"2026-11-05T11:00:00Z\",\"componentType\":\"NODE_AGENT\","
        + "\"componentInstanceId\":\"i-1\",\"contextId\":\"rekeyed-c\",\"version\":\"v9\",\"cloudClientId\":\"\","
        + "\"eventType\":\"EBPF_ATTACHED\",\"count\":3,\"error\":\"\"}\n";

    JsonNode imported = json(post("import?kind=events", lines), 200);

    assertThat(imported.get("imported").asLong()).isEqualTo(2);
    JsonNode features = json(get("features?from=2026-11-05&to=2026-11-05&component=NODE_AGENT"), 200);
    JsonNode attached = features.get("rows").get(0);
    assertThat(attached.get("eventType").asText()).isEqualTo("EBPF_ATTACHED");
    assertThat(attached.get("total").asLong()).isEqualTo(7);
    assertThat(json(get("versions?from=2026-11-05&to=2026-11-05"), 200).get("rows").get(0).get("version").asText())
        .isEqualTo("v9");
  }

  @Test
  void postingTheSameImportTwiceAddsNothingTheSecondTime() throws Exception {
    String lines = "{\"receivedAt\":\"2026-11-05T10:00:00.123Z\",\"version\":\"v1\",\"contextId\":\"c\","
        + "\"cloudClientId\":\"\",\"noun\":\"intents\",\"verb\":\"list\",\"modifiers\":[]}\n";
    String twice = lines + lines;

    JsonNode first = json(post("import?kind=cli", twice), 200);
    JsonNode second = json(post("import?kind=cli", twice), 200);

    assertThat(first.get("imported").asLong()).isEqualTo(2);
    assertThat(first.get("skipped").asLong()).isZero();
    assertThat(second.get("imported").asLong()).isZero();
    assertThat(second.get("skipped").asLong()).isEqualTo(2);
    JsonNode cli = json(get("cli?from=2026-11-05&to=2026-11-05"), 200).get("rows").get(0);
    assertThat(cli.get("invocations").asLong()).isEqualTo(2);
  }

  @Test
  void rejectsAnImportWithABadLineAndImportsNothing() throws Exception {
    String lines = "{\"receivedAt\":\"2026-11-05T10:00:00Z\",\"version\":\"v1\",\"contextId\":\"c\","
        + "\"cloudClientId\":\"\",\"noun\":\"intents\",\"verb\":\"list\",\"modifiers\":[]}\n"
        + "{\"receivedAt\":\"not a time\",\"version\":\"v1\",\"contextId\":\"c\",\"noun\":\"x\",\"verb\":\"y\"}\n";

    JsonNode rejected = json(post("import?kind=cli", lines), 400);

    assertThat(rejected.get("error").asText()).contains("line 2").contains("not a time");
    assertThat(json(get("cli?from=2026-11-05&to=2026-11-05"), 200).get("rows")).isEmpty();
    assertThat(json(post("import?kind=bananas", ""), 400).get("parameter").asText()).isEqualTo("kind");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return routes.get(path);
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return routes.post(path, body);
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
    return RoutesOnAClock.json(response, status);
  }
}
