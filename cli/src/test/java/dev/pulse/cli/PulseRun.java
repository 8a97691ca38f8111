package dev.pulse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the {@code pulse} command in its own JVM, with a chosen environment. */
record PulseRun(int exitCode, String output) {

  /** The config home of every run that gives none: one per test JVM, so runs of a test share it. */
  private static final Path CONFIG_HOME = createConfigHome();

  private static Path createConfigHome() {
    try {
      return TempTrees.deleteAtExit(Files.createTempDirectory("pulse-test-config"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A count as pulse prints it, its digits grouped: "25,000". */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static PulseRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return runIn(null, env, args);
  }

  /**
   * Generates a data set of {@code installs} installs over {@code days} days into {@code dataDir}, as
   * a test's starting point; a failed generation fails the test with its output.
   */
  static void generate(Path dataDir, int installs, int days) throws IOException, InterruptedException {
    PulseRun run = run(Map.of(), "generate", "--installs", Integer.toString(installs), "--days",
        Integer.toString(days), "--quiet", "--data-dir", dataDir.toString());
    if (run.exitCode() != 0) {
      throw new AssertionError("pulse generate into " + dataDir + " ended with " + run.exitCode() + ": " + run.output());
    }
  }

  /** Runs in {@code workingDir} (null: this JVM's), so a test can see what a command leaves there. */
  static PulseRun runIn(Path workingDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Started started = start(workingDir, env, args);
    started.process.getOutputStream().close(); // no input
    return started.await();
  }

  /**
   * Starts a run without waiting for it: the test writes its stdin ({@link Started#stdin()}), then
   * collects it with {@link Started#await()}.
   */
  static Started start(Path workingDir, Map<String, String> env, String... args) throws IOException {
    return start(workingDir, null, env, args);
  }

  /**
   * As {@link #start(Path, Map, String...)}, with standard output sent to {@code stdout} (a device, a
   * pipe) and only standard error collected; null collects both.
   */
  static Started start(Path workingDir, ProcessBuilder.Redirect stdout, Map<String, String> env, String... args)
      throws IOException {
    return start(List.of(), workingDir, stdout, env, args);
  }

  /** As {@link #run}, with the JVM started through {@code prefix}, a command that runs it (setpriv ...). */
  static PulseRun runThrough(List<String> prefix, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Started started = start(prefix, null, null, env, args);
    started.process.getOutputStream().close(); // no input
    return started.await();
  }

  /**
   * As {@link #start(Path, ProcessBuilder.Redirect, Map, String...)}, with the JVM started by {@code launcher}
   * (none: directly; {@link BoundByModes}: without root's override of file modes).
   */
  static Started start(List<String> launcher, Path workingDir, ProcessBuilder.Redirect stdout, Map<String, String> env,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(pulseCommand());
    return startCommand(command, workingDir, stdout, env, args);
  }

  /** As {@link #run}, with {@code pulse} started by {@code jvm} (java, its options, the main class) instead. */
  static PulseRun runAs(List<String> jvm, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Started started = startCommand(jvm, null, null, env, args);
    started.process.getOutputStream().close(); // no input
    return started.await();
  }

  private static Started startCommand(List<String> jvm, Path workingDir, ProcessBuilder.Redirect stdout,
      Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(jvm);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(stdout == null);
    if (workingDir != null) {
      builder.directory(workingDir.toFile());
    }
    builder.environment().keySet().removeIf(k -> k.startsWith("OTTERIZE_") || k.startsWith("PULSE_") || k.equals("DO_NOT_TRACK"));
    builder.environment().putAll(env);
    // The SDK's files (contextId, notice marker, spool) of a test's `pulse` never go to the user's ~/.config.
    if (!env.containsKey("XDG_CONFIG_HOME")) {
      builder.environment().put("XDG_CONFIG_HOME", CONFIG_HOME.toString());
    }
    // Into a file, not a pipe read to its end: a command that never exits fails the test, not hangs it.
    Path outputFile = Files.createTempFile("pulse-run", ".out");
    if (stdout == null) {
      builder.redirectOutput(outputFile.toFile());
    } else {
      builder.redirectOutput(stdout).redirectError(outputFile.toFile());
    }
    return new Started(builder.start(), outputFile, String.join(" ", args));
  }

  /**
   * The JVM running {@code pulse} from the test's classes ({@link TestClasspath}). Only the first compiler tier: a test's
   * {@code pulse} lives a few seconds on small data, where the second tier costs more CPU than it saves.
   */
  static List<String> pulseCommand() {
    List<String> command = javaCommand();
    command.add(PulseCommand.class.getName());
    return command;
  }

  /** {@link #pulseCommand()} without its main class: a test's own main class runs {@code pulse}. */
  static List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(TestClasspath.JVM_OPTIONS);
    return command;
  }

  /** The lines printed, without blank ones. */
  List<String> lines() {
    return output.lines().filter(l -> !l.isBlank()).toList();
  }

  /** A run in progress. */
  record Started(Process process, Path outputFile, String args) {

    /** The command's standard output, when it was sent to a pipe. */
    InputStream stdout() {
      return process.getInputStream();
    }

    /** The command's standard input; closing it ends the input. */
    OutputStream stdin() {
      return process.getOutputStream();
    }

    /** Waits up to 120 s for the command to end; a command that does not fails the test. */
    PulseRun await() throws IOException, InterruptedException {
      try {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("pulse " + args + " did not finish: "
              + Files.readString(outputFile, StandardCharsets.UTF_8));
        }
        return new PulseRun(process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(outputFile);
      }
    }
  }
}
