package dev.pulse.schema;

/**
 * The operation documents exactly as the Go components send them (leading newline and tabs included).
 * The Pulse client sends the same text, so the server's parsed-document cache always hits.
 */
public final class WireOperations {

  /** The path of the endpoint under the API address. */
  public static final String PATH = "/telemetry/query";

  public static final String SEND_TELEMETRIES_NAME = "SendTelemetries";
  public static final String SEND_TELEMETRIES =
      "\nmutation SendTelemetries ($telemetries: [TelemetryInput!]!) {\n"
          + "\tsendTelemetries(telemetries: $telemetries)\n}\n";

  public static final String REPORT_ERRORS_NAME = "ReportErrors";
  public static final String REPORT_ERRORS =
      "\nmutation ReportErrors ($component: Component!, $errors: [Error!]!) {\n"
          + "\tsendErrors(component: $component, errors: $errors)\n}\n";

  public static final String SEND_CLI_TELEMETRY_NAME = "SendCLITelemetry";
  public static final String SEND_CLI_TELEMETRY =
      "\nmutation SendCLITelemetry ($telemetry: CLITelemetry!) {\n"
          + "\tsendCLITelemetries(telemetries: [$telemetry])\n}\n";

  /** The classpath resource holding the GraphQL SDL. */
  public static final String SCHEMA_RESOURCE = "/dev/pulse/schema/telemetry.graphqls";

  private WireOperations() {}
}
