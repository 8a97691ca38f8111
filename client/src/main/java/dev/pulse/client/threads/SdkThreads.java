package dev.pulse.client.threads;

/** The names of the SDK's own threads, so error reporting can ignore what happens on them. */
public final class SdkThreads {

  /** Every SDK thread's name starts with this. */
  public static final String PREFIX = "pulse-telemetry";

  private SdkThreads() {}
}
