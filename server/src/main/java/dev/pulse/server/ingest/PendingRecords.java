package dev.pulse.server.ingest;

import dev.pulse.schema.CliTelemetry;
import dev.pulse.schema.Component;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.TelemetryInput;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.privacy.ErrorTextScrubber;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one request, gathered by the mutation fields and appended once, after the whole
 * operation succeeded: a request that fails anywhere stores nothing. Every record gets the same
 * receive time and a re-keyed contextId, and a componentInstanceId that is not a random UUID is
 * re-keyed too ({@link ContextKeyer#instanceId}). Not thread-safe: mutation fields run one after another.
 */
final class PendingRecords {

  private static final ErrorTextScrubber SCRUBBER = new ErrorTextScrubber();

  private final Instant receivedAt;
  private final ContextKeyer keyer;
  private final int maxItems;
  private final List<StoredEvent> events = new ArrayList<>();
  private final List<StoredCliCommand> cliCommands = new ArrayList<>();
  private final List<StoredError> errors = new ArrayList<>();
  private int items;
  // A batch almost always comes from one install: re-key its contextId once, not once per event,
  // and keep one stored component for the items that share one component object.
  private String lastContextId;
  private String lastContextKey;
  private Component lastComponent;
  private Component lastStored;

  PendingRecords(Instant receivedAt, ContextKeyer keyer, int maxItems) {
    this.receivedAt = receivedAt;
    this.keyer = keyer;
    this.maxItems = maxItems;
  }

  void addEvents(String argument, List<TelemetryInput> inputs) {
    count(argument, inputs.size());
    for (TelemetryInput input : inputs) {
      // The short error text of an event is scrubbed as error reports are; it is nearly always "".
      events.add(new StoredEvent(receivedAt, rekeyed(input.component()), SCRUBBER.scrub(input.data())));
    }
  }

  void addCliCommands(String argument, List<CliTelemetry> inputs) {
    count(argument, inputs.size());
    for (CliTelemetry input : inputs) {
      cliCommands.add(
          new StoredCliCommand(
              receivedAt,
              input.identifier().withContextId(rekey(input.identifier().contextId())),
              SCRUBBER.scrub(input.command())));
    }
  }

  void addErrors(String argument, Component component, List<ReportedError> reported) {
    count(argument, reported.size());
    Component stored = component == null ? null : rekeyed(component);
    for (ReportedError sent : reported) {
      // Scrubbed before the fingerprint, so reports that differ only by an address group together.
      ReportedError error = SCRUBBER.scrub(sent);
      errors.add(new StoredError(receivedAt, stored, ErrorFingerprint.of(error), error));
    }
  }

  RecordBatch batch() {
    return new RecordBatch(events, cliCommands, errors);
  }

  private void count(String argument, int added) {
    items += added;
    if (items > maxItems) {
      throw InputReader.tooMany(argument, items, maxItems, "maxItemsPerRequest, all fields together");
    }
  }

  private Component rekeyed(Component component) {
    if (component != lastComponent) {
      lastStored = component.withIds(keyer.instanceId(component.componentInstanceId()), rekey(component.contextId()));
      lastComponent = component;
    }
    return lastStored;
  }

  private String rekey(String contextId) {
    if (!contextId.equals(lastContextId)) {
      lastContextKey = keyer.rekey(contextId);
      lastContextId = contextId;
    }
    return lastContextKey;
  }
}
