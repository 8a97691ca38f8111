package dev.pulse.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code pulse serve} in its own JVM, started from the test classpath on a random port, so a
 * test can kill it (SIGKILL) or stop it (SIGTERM) as an operator would.
 */
final class ServeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on https?://[^:/]+:(\\d+)");

  private final Process process;
  private final Thread reader;
  private final int port;
  private final List<String> output;

  private ServeProcess(Process process, Thread reader, int port, List<String> output) {
    this.process = process;
    this.reader = reader;
    this.port = port;
    this.output = output;
  }

  static ServeProcess start(Path dataDir, String adminToken, String... extraArgs) throws IOException {
    return start(dataDir, Map.of("PULSE_ADMIN_TOKEN", adminToken), extraArgs);
  }

  static ServeProcess start(Path dataDir, Map<String, String> env, String... extraArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("serve", "--port=0", "--host=127.0.0.1", "--data-dir=" + dataDir));
    args.addAll(List.of(extraArgs));
    return launch(args, env);
  }

  /** Any {@code pulse} command that ends up serving (serve, demo), until it prints its port. */
  static ServeProcess launch(List<String> args, Map<String, String> env) throws IOException {
    List<String> command = PulseRun.pulseCommand();
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("PULSE_")); // only what the test gives
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.add(line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                // The process died; waiting callers see the exit below.
              }
              port.completeExceptionally(new IllegalStateException("pulse serve exited: " + output));
            },
            "serve-output");
    reader.setDaemon(true);
    reader.start();
    try {
      // Generous: a JVM starting DuckDB and Jetty on a loaded, shared machine.
      return new ServeProcess(process, reader, port.get(120, TimeUnit.SECONDS), output);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("pulse serve did not start: " + output, e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then the exit code. */
  int terminate(Duration timeout) throws InterruptedException {
    // Through the handle: Process.destroy() would also close our end of the output pipe, losing
    // what the server prints while it drains.
    process.toHandle().destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("pulse serve did not exit within " + timeout + " of SIGTERM: " + output);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10)); // the last lines are read after the exit
    return process.exitValue();
  }

  /** SIGINT, as Ctrl-C in a terminal sends it, then the exit code. */
  int interrupt(Duration timeout) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -INT " + process.pid() + " failed");
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("pulse serve did not exit within " + timeout + " of SIGINT: " + output);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10)); // the last lines are read after the exit
    return process.exitValue();
  }

  List<String> output() {
    return output;
  }

  /** Whether the process still runs, or how it ended, and its last lines: for a failed request's message. */
  String state() {
    List<String> lines = List.copyOf(output);
    List<String> last = lines.subList(Math.max(0, lines.size() - 40), lines.size());
    String ended = process.isAlive() ? "still running" : "exited with code " + process.exitValue();
    return "pulse serve " + ended + ", its last lines:\n" + String.join("\n", last);
  }

  /** The output so far, once a line contains {@code fragment}; fails after {@code timeout}. */
  String awaitOutput(String fragment, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (output.stream().noneMatch(l -> l.contains(fragment))) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("pulse printed no line with '" + fragment + "' within " + timeout + ": " + output);
      }
      Thread.onSpinWait();
      reader.join(20); // returns early when the process ends
    }
    return String.join("\n", output);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
