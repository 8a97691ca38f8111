package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

/** What every mistake of a user must look like: a documented exit code, a few lines, no stack trace. */
final class Mistakes {

  static final int FAILURE = 1;
  static final int USAGE = 2;

  private Mistakes() {}

  /** Exit code {@code code}, at most three lines saying {@code says}, nothing of a stack trace. */
  static void assertTold(PulseRun run, int code, String says) {
    assertThat(run.exitCode()).as(run.output()).isEqualTo(code);
    assertThat(run.output()).contains(says);
    assertThat(run.lines()).as(run.output()).hasSizeLessThanOrEqualTo(3);
    assertNoStackTrace(run);
  }

  static void assertNoStackTrace(PulseRun run) {
    assertThat(run.output()).doesNotContain("at dev.", "\tat ", "Exception");
  }

  /** A loopback port nothing listens on (it was free a moment ago). */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
