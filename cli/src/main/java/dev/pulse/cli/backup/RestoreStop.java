package dev.pulse.cli.backup;

import dev.pulse.cli.signals.StopSignals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import sun.misc.Signal;

/**
 * How {@code pulse restore} stops on Ctrl-C or SIGTERM: it waits for the restore under way to return
 * (the store's code copies and opens the file in steps that do not stop midway, and would otherwise
 * make files again after they were removed), then removes what the restore added to the data dir (the
 * entries it did not hold before, and the dir when the restore made it), says so in one line and exits
 * with 128 + the signal (130 for Ctrl-C), as the JVM would have without a word. A stop once the
 * restore is complete keeps the store and says so. The signals are handled as
 * {@link dev.pulse.cli.serve.StopHook} handles them for {@code serve}; a JVM that keeps them to itself
 * ({@code -Xrs}) ends as before.
 */
final class RestoreStop {

  private enum State { RUNNING, COMPLETE, FAILED }

  private final PrintWriter err;
  private final String command;
  private final Path dataDir;
  /** Whether the data dir existed before the restore, and the names it held then. */
  private final boolean existed;
  private final Set<String> before;
  /** Counted down by the restore's thread once it has returned from the store's code, after a stop. */
  private final CountDownLatch returned = new CountDownLatch(1);
  private State state = State.RUNNING;
  private boolean stopping;
  private String restored;

  private RestoreStop(PrintWriter err, String command, Path dataDir) throws IOException {
    this.err = err;
    this.command = command;
    this.dataDir = dataDir;
    this.existed = Files.exists(dataDir) || Files.isSymbolicLink(dataDir);
    this.before = Files.isDirectory(dataDir) ? names(dataDir) : Set.of();
  }

  /**
   * Notes what {@code dataDir} holds and installs the signal handlers; the stop's line goes to
   * {@code err}, after {@code command}. A data dir that cannot be listed is left to the restore to tell.
   */
  static RestoreStop install(PrintWriter err, String command, Path dataDir) {
    RestoreStop stop;
    try {
      stop = new RestoreStop(err, command, dataDir);
    } catch (IOException e) {
      return null; // the restore refuses such a dir in its own words, before writing into it
    }
    StopSignals.handle(stop::stop);
    return stop;
  }

  /**
   * Called by the restore's thread once the store's code has returned: {@code line} says what the store
   * holds, null when the restore failed. When a stop came first, the stop removes what the restore wrote
   * and ends the process, so this waits for that instead of returning.
   */
  void ended(String line) {
    synchronized (this) {
      if (!stopping) {
        state = line != null ? State.COMPLETE : State.FAILED;
        restored = line;
        return;
      }
    }
    returned.countDown();
    StopSignals.awaitExit();
  }

  private void stop(Signal signal) {
    State at;
    synchronized (this) {
      if (stopping || state == State.FAILED) {
        return; // a first signal is stopping it, or the restore failed and says so as it exits
      }
      stopping = true;
      at = state;
    }
    String by = command + ": stopped by " + (signal.getName().equals("INT") ? "Ctrl-C (SIGINT)" : "SIGTERM");
    if (at == State.COMPLETE) {
      err.println(by + " once the restore was complete: " + restored + ", whole and kept");
    } else {
      awaitReturn();
      List<Path> left = removeWritten();
      err.println(by + " before the restore was complete: " + (left.isEmpty()
          ? "removed what it wrote" + (existed ? "; " + dataDir + " is as it was"
              : ", and " + dataDir + ", which it made")
          : "could not remove " + left.stream().map(Path::toString).collect(Collectors.joining(", "))
              + ": remove " + (left.size() == 1 ? "it" : "them") + " before restoring into " + dataDir + " again"));
    }
    err.flush();
    System.exit(128 + signal.getNumber());
  }

  private void awaitReturn() {
    while (true) {
      try {
        returned.await();
        return;
      } catch (InterruptedException e) {
        // Waited for still: removing files the restore would make again afterwards would leave them.
      }
    }
  }

  /** Removes what the restore added; returns what could not be removed. */
  private List<Path> removeWritten() {
    List<Path> left = new ArrayList<>();
    if (!Files.exists(dataDir) || existed && !Files.isDirectory(dataDir)) {
      return left; // gone, or a file the restore refused to write beside
    }
    List<Path> added = new ArrayList<>();
    try {
      if (!existed) {
        added.add(dataDir);
      } else {
        for (String name : names(dataDir)) {
          if (!before.contains(name)) {
            added.add(dataDir.resolve(name));
          }
        }
      }
    } catch (IOException e) {
      return List.of(dataDir);
    }
    for (Path path : added) {
      try (Stream<Path> tree = Files.walk(path)) {
        for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(each);
        }
      } catch (IOException e) {
        left.add(path);
      }
    }
    return left;
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
