package dev.pulse.client;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import dev.pulse.client.cli.FirstRunNotice;
import dev.pulse.client.cli.QuietFile;
import dev.pulse.client.cli.ShownWarnings;
import dev.pulse.client.cli.Spool;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.context.ConfigDirectory;
import dev.pulse.client.context.ContextIds;
import dev.pulse.client.context.KubernetesApi;
import dev.pulse.client.errors.ErrorMapper;
import dev.pulse.client.http.OwnedHttpClient;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.send.BatchSender;
import dev.pulse.client.send.SenderOptions;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventCatalog;

/** What {@link PulseTelemetryBuilder#build()} does with what the builder was given. */
final class Startup {

  private static final System.Logger LOG = System.getLogger(PulseTelemetryBuilder.class.getName());

  private Startup() {}

  /** The working or the inert instance; see {@link PulseTelemetryBuilder#build()}. */
  static PulseTelemetry build(PulseTelemetryBuilder b) {
    if (b.componentType == null) {
      throw new IllegalStateException("componentType is required");
    }
    TelemetrySettings settings;
    try {
      settings = b.resolver.resolve();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Pulse telemetry is off: its settings could not be read: " + e.getMessage());
      return new NoopTelemetry(TelemetrySettings.defaults(), b.anonymizer);
    }
    settings.notices().forEach(p -> LOG.log(Level.WARNING, "Pulse telemetry: " + p));
    if (!settings.anythingActive()) {
      return new NoopTelemetry(settings, b.anonymizer);
    }
    if (!settings.hasEndpoint()) {
      LOG.log(Level.INFO, "Pulse telemetry is inert: no endpoint is configured (the component sets one with"
          + " defaultApiAddress(...); a user with --api-address or " + b.envPrefix + "API_ADDRESS)");
      return new NoopTelemetry(settings, b.anonymizer);
    }
    try {
      return start(b, settings);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Pulse telemetry is off: " + Objects.toString(e.getMessage(), "it could not start"));
      return new NoopTelemetry(settings, b.anonymizer);
    }
  }

  private static PulseTelemetry start(PulseTelemetryBuilder b, TelemetrySettings settings) {
    OwnedHttpClient.requireJdkClient();
    boolean cli = b.componentType == ComponentType.CLI;
    // Null when there is no home directory: then nothing is written, as when the directory is read-only.
    Path dir = b.configDirectory != null ? b.configDirectory : ConfigDirectory.defaultFor(b.environment, b.envPrefix);
    if (cli && b.noticeOut != null) { // whatever will be sent: usage, error reports or both
      FirstRunNotice.showOnce(dir, b.noticeOut, b.programName, b.envPrefix,
          FirstRunNotice.whatIsSent(settings.usageActive(), settings.errorsActive(), b.messagePolicy));
    }
    KubernetesApi k8s = b.kubernetesApi != null ? b.kubernetesApi : KubernetesApi.fromEnvironment(b.environment);
    String resolvedVersion = HostVersion.clean(b.version != null ? b.version : HostVersion.of(b.versionSource));
    var chain = ContextIds.standard(b.contextId, k8s, dir, b.anonymizer);
    ProxyChoice proxy = ProxyChoice.resolve(b.systemProperties, b.environment);
    proxy.notices().forEach(p -> LOG.log(Level.WARNING, "Pulse telemetry: " + p));
    boolean remembers = cli && dir != null;
    SenderOptions options = new SenderOptions(settings, b.componentType, UUID.randomUUID().toString(),
        resolvedVersion, chain::resolve, b.bufferSize, b.uniqueKeyCap, b.retryPolicy, EventCatalog.builtIn(),
        remembers ? new Spool(dir, settings.endpoint()) : null, proxy, remembers ? new ShownWarnings(dir) : null,
        remembers ? new QuietFile(dir, settings.endpoint(), proxy) : null,
        b.tryWhileQuiet);
    ErrorMapper mapper = new ErrorMapper(b.messagePolicy, b.metadataAllowList);
    ActiveTelemetry telemetry =
        new ActiveTelemetry(BatchSender.start(options), settings, b.anonymizer, mapper, b.closeDeadline,
            b.commandWords);
    if (b.reportUncaught && settings.errorsActive()) {
      telemetry.installUncaughtReporter();
    }
    if (b.shutdownHook) {
      telemetry.installShutdownHook();
    }
    LOG.log(Level.DEBUG, "Pulse telemetry started, sending " + proxy.describe(settings.endpoint()) + ": " + settings);
    return telemetry;
  }
}
