package dev.pulse.cli.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.cli.access.ServerAnswer;
import dev.pulse.cli.access.Target;
import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.BlankOption;
import dev.pulse.schema.Suggestions;
import dev.pulse.server.errorjson.ReportedErrorJson;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.analytics.api.Analysis;
import dev.pulse.server.analytics.api.AnalysisRunner;
import dev.pulse.server.analytics.api.Answer;
import dev.pulse.server.store.DiskFullException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pulse query}: one analysis, from a local data dir or a running server. */
@Command(name = "query",
    description = "Runs one analysis, on a local data dir or a running server, as a table, CSV or JSON.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  pulse query active-installs --by component --from 2026-01-01",
      "  pulse query versions --component-version 1.2.0 --format csv \\",
      "      --server http://localhost:8080 --token \"$TOKEN\""
    })
public final class QueryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ANALYSIS", completionCandidates = AnalysisNames.class,
      description = "one of: ${COMPLETION-CANDIDATES}")
  String analysis;

  /** The analyses' names, as the API has them: the help lists them from the one list. */
  static final class AnalysisNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Analysis.NAMES.iterator();
    }
  }

  @Option(names = "--from", description = "first UTC day, YYYY-MM-DD (default: 27 days before --to)")
  String from;

  @Option(names = "--to", description = "last UTC day, YYYY-MM-DD (default: today)")
  String to;

  @Option(names = "--component", description = "only this component type, e.g. NETWORK_MAPPER")
  String component;

  @Option(names = "--component-version", paramLabel = "VERSION", description = "only this version of the component")
  String version;

  @Option(names = "--by", description = "active-installs: component or version")
  String by;

  @Option(names = "--period",
      description = "new-installs: day (default) or week; lifecycle: week (default) or day;"
          + " stickiness: week (default) or month")
  String period;

  @Option(names = "--fingerprint", description = "error, error-trend, error-versions: the fingerprint to show")
  String fingerprint;

  @Option(names = "--format", defaultValue = "table", description = "table (default), csv or json")
  String format;

  @Mixin Target target;

  @Override
  public Integer call() throws Exception {
    Analysis chosen = Analysis.named(analysis).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "unknown analysis '" + analysis + "'"
            + Suggestions.question(analysis, Analysis.NAMES)
            + ": one of " + String.join(", ", Analysis.NAMES)));
    if (!List.of("table", "csv", "json").contains(format)) {
      throw new ParameterException(spec.commandLine(), "--format must be table, csv or json, not " + format
          + Suggestions.question(format, List.of("table", "csv", "json")));
    }
    requireTaken(chosen, Analysis.Parameter.BY, by);
    requireTaken(chosen, Analysis.Parameter.PERIOD, period);
    requireTaken(chosen, Analysis.Parameter.FINGERPRINT, fingerprint);
    if (chosen.takes(Analysis.Parameter.FINGERPRINT) && (fingerprint == null || fingerprint.isBlank())) {
      // Asked of a server, errors/{fingerprint} without one would be the errors list.
      throw new ParameterException(spec.commandLine(), "--fingerprint is " + AnalysisRunner.FINGERPRINT_REQUIRED);
    }
    BlankOption.refuse(spec, "--from", from, "a date YYYY-MM-DD", "27 days before --to");
    BlankOption.refuse(spec, "--to", to, "a date YYYY-MM-DD", "today");
    BlankOption.refuse(spec, "--component", component, "a component type", "every component");
    BlankOption.refuse(spec, "--component-version", version, "a version", "every version");
    PrintWriter out = spec.commandLine().getOut();
    parseQuery(); // a wrong or reversed date is told here, before a store or a server is asked
    if (target.isRemote()) {
      remote(out, chosen);
    } else {
      local(out, chosen);
    }
    out.flush();
    return 0;
  }

  /** An option the analysis does not take is refused, not ignored. */
  private void requireTaken(Analysis chosen, Analysis.Parameter parameter, String value) {
    if (value != null && !chosen.takes(parameter)) {
      throw new ParameterException(spec.commandLine(), "--" + parameter.key() + " does not apply to "
          + chosen.apiName() + "; 'pulse query --help' says which analyses take it");
    }
  }

  private void local(PrintWriter out, Analysis chosen) {
    AnalyticsQuery query = parseQuery();
    try (LocalAnalytics data = LocalAnalytics.open(target)) {
      Map<String, String> extra = new HashMap<>();
      putIfPresent(extra, "by", by);
      putIfPresent(extra, "period", period);
      putIfPresent(extra, "fingerprint", fingerprint);
      Optional<Answer> answer = new AnalysisRunner(data.analytics).run(chosen, query, extra);
      if (answer.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--fingerprint: no report of this fingerprint in the range");
      }
      switch (format) {
        case "json" -> out.println(answer.get().json());
        case "csv" -> out.print(answer.get().csv());
        default -> out.print(TableFormat.render(answer.get().columns(),
            answer.get().rows().stream().map(r -> r.fields()).toList()));
      }
    } catch (BadParameterException e) {
      throw refused(e);
    } catch (DiskFullException e) {
      throw CliFailure.failure(e.describe() + ", so the analytics could not be brought up to"
          + " date; nothing is lost: free space on it and run the same query again", e);
    }
  }

  private AnalyticsQuery parseQuery() {
    try {
      return AnalyticsQuery.parse(from, to, component, version, LocalDate.now(ZoneOffset.UTC));
    } catch (BadParameterException e) {
      throw refused(e);
    }
  }

  private ParameterException refused(BadParameterException e) {
    return refused(e.parameter(), e.reason());
  }

  /** A parameter refused, told with the option that gives it, as {@code --period: must be ...}. */
  private ParameterException refused(String parameter, String reason) {
    String option = parameter.equals("version") ? "component-version" : parameter;
    return new ParameterException(spec.commandLine(), "--" + option + ": " + reason);
  }

  /**
   * The answer if it is a 2xx. A refusal of the analytics API naming a parameter ({@code
   * {"error","parameter"}}, a 400 or the 404 of an unknown fingerprint) is told as the same mistake
   * is on a data dir, with the option's name; any other error as every command tells it.
   */
  private HttpResponse<InputStream> success(HttpResponse<InputStream> answer) throws IOException {
    int status = answer.statusCode();
    if (status / 100 == 2) {
      return answer;
    }
    byte[] body;
    try (InputStream in = answer.body()) {
      body = in.readNBytes(4096);
    }
    JsonNode json = ServerAnswer.json(body);
    if ((status == 400 || status == 404) && json != null && json.path("parameter").isTextual()
        && json.path("error").isTextual()) {
      throw refused(json.path("parameter").asText(), ServerAnswer.reason(body));
    }
    throw ServerAnswer.failureOf(status, answer.uri(), body);
  }

  private void remote(PrintWriter out, Analysis chosen) throws IOException, InterruptedException {
    String path = chosen.path().replace("{fingerprint}", encode(fingerprint == null ? "" : fingerprint));
    StringBuilder uri = new StringBuilder("/api/v1/").append(path)
        .append("?format=").append(format.equals("csv") ? "csv" : "json");
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "from", from);
    putIfPresent(params, "to", to);
    putIfPresent(params, "component", component);
    putIfPresent(params, "version", version);
    putIfPresent(params, "by", by);
    putIfPresent(params, "period", period);
    params.forEach((k, v) -> uri.append('&').append(k).append('=').append(encode(v)));
    HttpResponse<InputStream> answer = success(target.exchange("GET", uri.toString()));
    if (format.equals("csv")) {
      out.print(new String(ServerAnswer.readAll(ServerAnswer.requirePulse(answer, "text/csv", null)),
          StandardCharsets.UTF_8));
      return;
    }
    ServerAnswer.PulseJson sent = ServerAnswer.pulseAnswer(answer, QueryCommand::isEnvelope);
    if (format.equals("json")) {
      out.println(sent.text()); // as sent: a tree written again would recurse through a deep error sample
    } else {
      out.print(table(sent.tree()));
    }
  }

  /** Whether {@code json} is an analysis answer's envelope (docs/analytics-api-contract.md). */
  private static boolean isEnvelope(JsonNode json) {
    return json.path("analysis").isTextual() && json.path("columns").isArray() && json.path("rows").isArray();
  }

  private static String table(JsonNode envelope) {
    for (JsonNode row : envelope.path("rows")) {
      if (row.path("sample").isObject()) { // the error analysis' sample, shown as the data dir's is: its JSON
        ((ObjectNode) row).put("sample", ReportedErrorJson.write(ReportedErrorJson.fromTree(row.get("sample"))));
      }
    }
    // Made here, not with the class: picocli builds every command at each start, and making a mapper
    // took a third of a short command's start.
    Map<String, Object> answer = new ObjectMapper().convertValue(envelope, new TypeReference<Map<String, Object>>() {});
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) answer.getOrDefault("rows", List.of());
    @SuppressWarnings("unchecked")
    List<String> columns = (List<String>) answer.getOrDefault("columns",
        rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).keySet()));
    return TableFormat.render(columns, rows);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
