/**
 * The Pulse client SDK: anonymous usage and error telemetry for a component, JDK only. A host on the
 * module path {@code requires dev.pulse.client}; the packages not exported here are the SDK's own.
 */
module dev.pulse.client {
  requires transitive dev.pulse.schema;
  requires transitive java.logging; // ReportingLogHandler is a java.util.logging.Handler
  requires java.net.http;

  exports dev.pulse.client;
  exports dev.pulse.client.config;
  exports dev.pulse.client.context;
  exports dev.pulse.client.errors;
  exports dev.pulse.client.send;
}
