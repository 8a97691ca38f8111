package dev.pulse.server.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What one request (or one group commit of many requests) writes: records of the three kinds,
 * already validated and with their contextId re-keyed.
 */
public record RecordBatch(
    List<StoredEvent> events, List<StoredCliCommand> cliCommands, List<StoredError> errors) {

  public RecordBatch {
    events = List.copyOf(events);
    cliCommands = List.copyOf(cliCommands);
    errors = List.copyOf(errors);
  }

  public static RecordBatch ofEvents(List<StoredEvent> events) {
    return new RecordBatch(events, List.of(), List.of());
  }

  public static RecordBatch ofCliCommands(List<StoredCliCommand> commands) {
    return new RecordBatch(List.of(), commands, List.of());
  }

  public static RecordBatch ofErrors(List<StoredError> errors) {
    return new RecordBatch(List.of(), List.of(), errors);
  }

  /** All batches as one, in order. */
  public static RecordBatch concat(Collection<RecordBatch> batches) {
    List<StoredEvent> events = new ArrayList<>();
    List<StoredCliCommand> commands = new ArrayList<>();
    List<StoredError> errors = new ArrayList<>();
    for (RecordBatch batch : batches) {
      events.addAll(batch.events());
      commands.addAll(batch.cliCommands());
      errors.addAll(batch.errors());
    }
    return new RecordBatch(events, commands, errors);
  }

  public int size() {
    return events.size() + cliCommands.size() + errors.size();
  }

  public boolean isEmpty() {
    return size() == 0;
  }
}
