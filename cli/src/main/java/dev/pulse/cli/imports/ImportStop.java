package dev.pulse.cli.imports;

import dev.pulse.cli.signals.StopSignals;
import dev.pulse.server.store.BulkLoader;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import sun.misc.Signal;

/**
 * How {@code pulse import} stops on Ctrl-C or SIGTERM: into a store, it lets the batch being committed
 * end (at most {@link #COMMIT_WAIT_SECONDS}) and starts no other, and says how many records the
 * committed batches hold (through {@code --server}, the requests answered), and that the same import
 * resumes, and exits with 128 + the signal (130 for Ctrl-C), as
 * the JVM would have without a word. The signals are handled as {@link dev.pulse.cli.serve.StopHook} handles them for
 * {@code serve}; a JVM that keeps them to itself ({@code -Xrs}) ends as before.
 */
final class ImportStop {

  /** How long a stop waits for a batch's commit under way. */
  static final long COMMIT_WAIT_SECONDS = 30;

  private final PrintWriter err;
  private final String command;
  private final AtomicReference<BulkLoader> loader = new AtomicReference<>();
  /** With --server: how many records the requests answered so far imported. */
  private final AtomicReference<LongSupplier> answered = new AtomicReference<>();
  /** Set by the first of the import's end and a stop: the other then leaves the ending to it. */
  private final AtomicBoolean ended = new AtomicBoolean();

  private ImportStop(PrintWriter err, String command) {
    this.err = err;
    this.command = command;
  }

  /** Installs the signal handlers; the stop's line goes to {@code err}, after {@code command}. */
  static ImportStop install(PrintWriter err, String command) {
    ImportStop stop = new ImportStop(err, command);
    StopSignals.handle(stop::stop);
    return stop;
  }

  /** The store the import writes into, open: a stop halts it. */
  void loading(BulkLoader opened) {
    loader.set(opened);
  }

  /**
   * The import sends requests to a server ({@code --server}): a stop tells what the answered ones
   * imported; the one under way, all or nothing, may be stored too.
   */
  void sending(LongSupplier importedByAnswers) {
    answered.set(importedByAnswers);
  }

  /**
   * Called as the import ends, before it says how: when a stop came first, the stop tells it and ends
   * the process, so this waits for that instead of returning.
   */
  void ending() {
    if (!ended.compareAndSet(false, true)) {
      StopSignals.awaitExit();
    }
  }

  /** "1 record was imported", "5,000 records were imported". */
  static String recordsImported(long n) {
    return n == 1 ? "1 record was imported" : String.format(Locale.ROOT, "%,d records were imported", n);
  }

  private void stop(Signal signal) {
    if (!ended.compareAndSet(false, true)) {
      return; // the import has ended (it exits as it says), or a first signal is stopping it
    }
    BulkLoader open = loader.get();
    LongSupplier remote = answered.get();
    long committed = open != null ? open.halt(COMMIT_WAIT_SECONDS) : remote != null ? remote.getAsLong() : 0;
    String records = recordsImported(committed);
    String kept = remote != null ? records + " by the requests the server answered before the stop, and are kept"
        + " (the request under way, stored whole or not at all, may be too)"
        : committed < 0 ? "a batch was still being committed after " + COMMIT_WAIT_SECONDS + " s, and the"
        + " batches committed before it are kept"
        : records + ", in batches committed before the stop, and are kept";
    err.println(command + ": stopped by " + (signal.getName().equals("INT") ? "Ctrl-C (SIGINT)" : "SIGTERM") + ": "
        + kept + "; run the same import again to resume: records already present are skipped.");
    err.flush();
    // The shutdown hooks run (DuckDB's driver deletes its library's copy); the import's own thread says
    // nothing more: it waits in ending().
    System.exit(128 + signal.getNumber());
  }
}
