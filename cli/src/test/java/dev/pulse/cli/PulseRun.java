package dev.pulse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the {@code pulse} command in its own JVM, with a chosen environment. */
record PulseRun(int exitCode, String output) {

  static PulseRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return runIn(null, env, args);
  }

  /** Runs in {@code workingDir} (null: this JVM's), so a test can see what a command leaves there. */
  static PulseRun runIn(Path workingDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PulseCommand.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (workingDir != null) {
      builder.directory(workingDir.toFile());
    }
    builder.environment().keySet().removeIf(k -> k.startsWith("OTTERIZE_") || k.startsWith("PULSE_") || k.equals("DO_NOT_TRACK"));
    builder.environment().putAll(env);
    // Into a file, not a pipe read to its end: a command that never exits fails the test, not hangs it.
    Path outputFile = Files.createTempFile("pulse-run", ".out");
    try {
      builder.redirectOutput(outputFile.toFile());
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("pulse " + String.join(" ", args) + " did not finish: "
            + Files.readString(outputFile, StandardCharsets.UTF_8));
      }
      return new PulseRun(process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(outputFile);
    }
  }

  /** The lines printed, without blank ones. */
  List<String> lines() {
    return output.lines().filter(l -> !l.isBlank()).toList();
  }
}
