package dev.pulse.schema;

/** What an event's count means, and so how it may be aggregated. */
public enum EventKind {
  /** No meaningful count: presence only (STARTED is also summed, to count restarts). */
  HEARTBEAT,
  /** A snapshot of a current size: latest per component instance, never summed over time. */
  LEVEL,
  /** How many happened since the last report: summed. */
  DELTA
}
