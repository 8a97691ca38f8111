package dev.pulse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * {@code pulse} run in the test's own JVM, what it writes kept: for checks that need no process of
 * their own (no exit, no signal, no environment of its own). Each run adds to {@link #out} and {@link #err}.
 */
final class InProcessPulse {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Runs one command line and returns its exit code. */
  int run(String... args) {
    CommandLine cli = PulseCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
