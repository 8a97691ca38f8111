package dev.pulse.client.send;

import java.util.ArrayList;
import java.util.List;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;
import dev.pulse.schema.Component;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.TelemetryData;

/**
 * The requests that would have carried items left unsent at close, for the unsent store: each CLI
 * command and each body an earlier run kept alone, in order, then usage and errors in batches of
 * {@code maxBatchSize}. Items that need an identity not resolved yet make no request.
 */
final class LeftoverRequests {

  private LeftoverRequests() {}

  /** The requests for {@code items}; {@code component} and {@code cli} may be null (not resolved). */
  static List<Handover.Request> of(List<Object> items, Component component, CliIdentifier cli, int maxBatchSize) {
    List<Handover.Request> requests = new ArrayList<>();
    List<Object> usage = new ArrayList<>();
    List<Object> errors = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof String body) {
        requests.add(new Handover.Request(body, List.of(body)));
      } else if (item instanceof CliCommand command && cli != null) {
        requests.add(new Handover.Request(
            PayloadWriter.sendCliTelemetry(new CliTelemetry(cli, command)), List.of(command)));
      } else if (item instanceof TelemetryData && component != null) {
        usage.add(item);
      } else if (item instanceof ReportedError && component != null) {
        errors.add(item);
      }
    }
    for (int from = 0; from < usage.size(); from += maxBatchSize) {
      List<Object> batch = usage.subList(from, Math.min(usage.size(), from + maxBatchSize));
      requests.add(new Handover.Request(PayloadWriter.sendTelemetries(component,
          batch.stream().map(TelemetryData.class::cast).toList()), batch));
    }
    for (int from = 0; from < errors.size(); from += maxBatchSize) {
      List<Object> batch = errors.subList(from, Math.min(errors.size(), from + maxBatchSize));
      requests.add(new Handover.Request(PayloadWriter.reportErrors(component,
          batch.stream().map(ReportedError.class::cast).toList()), batch));
    }
    return requests;
  }
}
