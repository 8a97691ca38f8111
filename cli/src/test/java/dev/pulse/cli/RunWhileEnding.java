package dev.pulse.cli;

/**
 * Runs one {@code pulse} command line inside a JVM that has begun to end, as when a stop signal comes
 * before the command has taken signals over: the JVM then refuses new shutdown hooks. Used by
 * {@link StopSignalFirstTest} as a real process's main class.
 */
final class RunWhileEnding {

  private RunWhileEnding() {}

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int code = PulseCommand.run(args);
      System.out.println("exit code " + code);
      System.out.flush();
    }, "pulse-while-ending"));
  }
}
