package dev.pulse.server.store;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The embedded store's data dir is held by another process (a running server, or a tool such as
 * {@code pulse generate}): one process at a time may have it open.
 */
public final class DataDirInUseException extends StoreException {

  private final Path dataDir;
  private final OptionalLong holder;

  public DataDirInUseException(Path dataDir, OptionalLong holder) {
    super("the data dir " + dataDir + " is in use by another process"
        + (holder.isPresent() ? " (PID " + holder.getAsLong() + ")" : ""));
    this.dataDir = dataDir;
    this.holder = holder;
  }

  /** The data dir as it was given. */
  public Path dataDir() {
    return dataDir;
  }

  /** The process id of the holder, when it wrote one. */
  public OptionalLong holder() {
    return holder;
  }
}
