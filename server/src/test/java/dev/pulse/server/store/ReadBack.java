package dev.pulse.server.store;

import java.util.ArrayList;
import java.util.List;

/** Everything a store holds of one kind, read back in the order it was stored. */
public final class ReadBack {

  private ReadBack() {}

  public static List<StoredEvent> events(EventStore store) {
    List<StoredEvent> events = new ArrayList<>();
    store.forEachEvent(events::add);
    return events;
  }

  public static List<StoredCliCommand> cliCommands(EventStore store) {
    List<StoredCliCommand> commands = new ArrayList<>();
    store.forEachCliCommand(commands::add);
    return commands;
  }

  public static List<StoredError> errors(EventStore store) {
    List<StoredError> errors = new ArrayList<>();
    store.forEachError(errors::add);
    return errors;
  }
}
