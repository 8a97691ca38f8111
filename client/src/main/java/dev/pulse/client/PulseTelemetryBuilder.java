package dev.pulse.client;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import dev.pulse.client.cli.FirstRunNotice;
import dev.pulse.client.cli.Spool;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.config.SettingsResolver;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.context.ConfigDirectory;
import dev.pulse.client.context.ContextIds;
import dev.pulse.client.context.KubernetesApi;
import dev.pulse.client.errors.ErrorMapper;
import dev.pulse.client.errors.MessagePolicy;
import dev.pulse.client.http.OwnedHttpClient;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.send.BatchSender;
import dev.pulse.client.send.RetryPolicy;
import dev.pulse.client.send.SenderOptions;
import dev.pulse.schema.Anonymizer;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventCatalog;

/**
 * Builds a {@link PulseTelemetry}. Only {@link #componentType} is required; without an endpoint
 * ({@link #defaultApiAddress}, or the user's {@code api-address}) the result is inert. Settings are
 * resolved once at {@link #build()} (builder, then flags, system properties, {@code OTTERIZE_*}
 * environment, host defaults, Go defaults); when telemetry is off the result is inert and nothing is
 * started. Setters validate and throw {@link IllegalArgumentException} naming the parameter;
 * {@link #build()} never throws for bad settings values (they fall back to defaults with a warning).
 *
 * <p>Not thread-safe; build once.
 */
public final class PulseTelemetryBuilder {

  private static final System.Logger LOG = System.getLogger(PulseTelemetryBuilder.class.getName());

  private final SettingsResolver resolver = new SettingsResolver();
  private Map<String, String> environment = System.getenv();
  private Properties systemProperties = System.getProperties();
  private String envPrefix = SettingsResolver.DEFAULT_ENV_PREFIX;
  private ComponentType componentType;
  private String version;
  private Class<?> versionSource;
  private String contextId;
  private Path configDirectory;
  private KubernetesApi kubernetesApi;
  private Anonymizer anonymizer = Anonymizer.create();
  private int bufferSize = 5000;
  private int uniqueKeyCap = 100_000;
  private Duration closeDeadline = PulseTelemetry.DEFAULT_CLOSE_DEADLINE;
  private boolean shutdownHook = true;
  private boolean reportUncaught = true;
  private MessagePolicy messagePolicy = MessagePolicy.SCRUB;
  private Set<String> metadataAllowList = Set.of("logger", "level");
  private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  private PrintStream noticeOut = System.err;
  private String programName = "This program";

  PulseTelemetryBuilder() {}

  /** Which component reports (required). {@link ComponentType#CLI} turns on CLI mode. */
  public PulseTelemetryBuilder componentType(ComponentType type) {
    this.componentType = Objects.requireNonNull(type, "componentType");
    return this;
  }

  /** The component's version; by default the host jar manifest's Implementation-Version. */
  public PulseTelemetryBuilder version(String version) {
    this.version = Require.text(version, "version");
    return this;
  }

  /** Reads the version from the manifest of the jar holding {@code hostClass}. */
  public PulseTelemetryBuilder versionFrom(Class<?> hostClass) {
    this.versionSource = Objects.requireNonNull(hostClass, "hostClass");
    return this;
  }

  /** An explicit contextId, used as is (skips Kubernetes and the persisted id). */
  public PulseTelemetryBuilder contextId(String contextId) {
    this.contextId = Require.text(contextId, "contextId");
    return this;
  }

  /** Sets a setting in code; beats flags, properties and environment. */
  public PulseTelemetryBuilder set(SettingKey key, String value) {
    resolver.override(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Replaces a Go default for this host; flags, system properties and environment still win (e.g. a
   * demo pointing at a local server unless {@code OTTERIZE_API_ADDRESS} says otherwise).
   */
  public PulseTelemetryBuilder defaultSetting(SettingKey key, String value) {
    resolver.hostDefault(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** {@code telemetry-enabled}. */
  public PulseTelemetryBuilder enabled(boolean enabled) {
    return set(SettingKey.TELEMETRY_ENABLED, Boolean.toString(enabled));
  }

  /** {@code api-address}: the endpoint base URL, fixed in code (flags and environment cannot change it). */
  public PulseTelemetryBuilder apiAddress(String address) {
    return set(SettingKey.API_ADDRESS, Require.text(address, "apiAddress"));
  }

  /**
   * The endpoint this component sends to unless its user sets another ({@code --api-address},
   * {@code OTTERIZE_API_ADDRESS}, {@code -Dotterize.api.address}): the maintainer's choice, e.g. their
   * own Pulse server. There is no built-in endpoint: with none chosen or set, the SDK stays inert and
   * logs why once.
   */
  public PulseTelemetryBuilder defaultApiAddress(String address) {
    return defaultSetting(SettingKey.API_ADDRESS, Require.text(address, "defaultApiAddress"));
  }

  /** The host's command-line arguments; telemetry flags among them are read, others ignored. */
  public PulseTelemetryBuilder flags(String... args) {
    return flags(Arrays.asList(args));
  }

  /** The host's command-line arguments; telemetry flags among them are read, others ignored. */
  public PulseTelemetryBuilder flags(List<String> args) {
    resolver.flags(Objects.requireNonNull(args, "args"));
    return this;
  }

  /** The environment to read (default {@link System#getenv()}). */
  public PulseTelemetryBuilder environment(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    resolver.environment(this.environment);
    return this;
  }

  /** The system properties to read (default {@link System#getProperties()}). */
  public PulseTelemetryBuilder systemProperties(Properties properties) {
    resolver.systemProperties(Objects.requireNonNull(properties, "properties"));
    this.systemProperties = properties;
    return this;
  }

  /** The environment-variable prefix (default {@code OTTERIZE_}). */
  public PulseTelemetryBuilder environmentPrefix(String prefix) {
    this.envPrefix = Objects.requireNonNull(prefix, "prefix");
    resolver.environmentPrefix(prefix);
    return this;
  }

  /**
   * Where the per-user id, CLI notice marker and spool live (default ~/.config/pulse, or a subdirectory
   * named after a prefix other than {@code OTTERIZE_}: {@link ConfigDirectory}).
   */
  public PulseTelemetryBuilder configDirectory(Path directory) {
    this.configDirectory = Objects.requireNonNull(directory, "configDirectory");
    return this;
  }

  /** Where the Kubernetes API server is (default: the pod's environment and service account). */
  public PulseTelemetryBuilder kubernetesApi(KubernetesApi api) {
    this.kubernetesApi = Objects.requireNonNull(api, "kubernetesApi");
    return this;
  }

  /** The anonymization salt (default: the Go components' salt, so contextIds match). */
  public PulseTelemetryBuilder salt(String salt) {
    this.anonymizer = Anonymizer.withSalt(Objects.requireNonNull(salt, "salt"));
    return this;
  }

  /** Capacity for errors and CLI commands waiting to be sent (default 5000). */
  public PulseTelemetryBuilder bufferSize(int size) {
    this.bufferSize = Require.positive(size, "bufferSize");
    return this;
  }

  /** Distinct keys held per unique counter (default 100,000). */
  public PulseTelemetryBuilder uniqueKeyCap(int cap) {
    this.uniqueKeyCap = Require.positive(cap, "uniqueKeyCap");
    return this;
  }

  /** The bound on {@link PulseTelemetry#close()} and the shutdown hook (default 5 s). */
  public PulseTelemetryBuilder closeDeadline(Duration deadline) {
    this.closeDeadline = Require.positive(deadline, "closeDeadline");
    return this;
  }

  /** Whether a shutdown hook closes the SDK at exit (default true). */
  public PulseTelemetryBuilder shutdownHook(boolean install) {
    this.shutdownHook = install;
    return this;
  }

  /** Whether uncaught exceptions are reported (default true; the previous handler still runs). */
  public PulseTelemetryBuilder reportUncaughtExceptions(boolean report) {
    this.reportUncaught = report;
    return this;
  }

  /** What of exception messages is sent (default {@link MessagePolicy#SCRUB}). */
  public PulseTelemetryBuilder messagePolicy(MessagePolicy policy) {
    this.messagePolicy = Objects.requireNonNull(policy, "messagePolicy");
    return this;
  }

  /** Metadata keys that may be sent with errors (default {@code logger}, {@code level}). */
  public PulseTelemetryBuilder allowMetadata(Set<String> keys) {
    this.metadataAllowList = Set.copyOf(Objects.requireNonNull(keys, "keys"));
    return this;
  }

  /** How failed requests are retried (default {@link RetryPolicy#DEFAULT}). */
  public PulseTelemetryBuilder retryPolicy(RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
    return this;
  }

  /** CLI mode: the program name in the first-run notice, and where it is printed (default stderr). */
  public PulseTelemetryBuilder firstRunNotice(String programName, PrintStream out) {
    this.programName = Require.text(programName, "programName");
    this.noticeOut = Objects.requireNonNull(out, "out");
    return this;
  }

  /**
   * Resolves the settings and returns the working or the inert instance. Never throws for settings or
   * start-up failures (telemetry is then off, with a WARNING); only a missing {@link #componentType}
   * is an {@link IllegalStateException}, a programming error.
   */
  public PulseTelemetry build() {
    if (componentType == null) {
      throw new IllegalStateException("componentType is required");
    }
    TelemetrySettings settings;
    try {
      settings = resolver.resolve();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Pulse telemetry is off: its settings could not be read: " + e.getMessage());
      return new NoopTelemetry(TelemetrySettings.defaults(), anonymizer);
    }
    settings.notices().forEach(p -> LOG.log(Level.WARNING, "Pulse telemetry: " + p));
    if (!settings.anythingActive()) {
      return new NoopTelemetry(settings, anonymizer);
    }
    if (!settings.hasEndpoint()) {
      LOG.log(Level.INFO, "Pulse telemetry is inert: no endpoint is configured (the component sets one with"
          + " defaultApiAddress(...); a user with --api-address or " + envPrefix + "API_ADDRESS)");
      return new NoopTelemetry(settings, anonymizer);
    }
    try {
      return start(settings);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Pulse telemetry is off: " + Objects.toString(e.getMessage(), "it could not start"));
      return new NoopTelemetry(settings, anonymizer);
    }
  }

  private PulseTelemetry start(TelemetrySettings settings) {
    OwnedHttpClient.requireJdkClient();
    boolean cli = componentType == ComponentType.CLI;
    Path dir = configDirectory != null ? configDirectory : ConfigDirectory.defaultFor(environment, envPrefix);
    if (cli && settings.usageActive()) {
      FirstRunNotice.showOnce(dir, noticeOut, programName, envPrefix);
    }
    KubernetesApi k8s = kubernetesApi != null ? kubernetesApi : KubernetesApi.fromEnvironment(environment);
    String resolvedVersion = version != null ? version : HostVersion.of(versionSource);
    var chain = ContextIds.standard(contextId, k8s, dir, anonymizer);
    ProxyChoice proxy = ProxyChoice.resolve(systemProperties, environment);
    proxy.notices().forEach(p -> LOG.log(Level.WARNING, "Pulse telemetry: " + p));
    SenderOptions options = new SenderOptions(settings, componentType, UUID.randomUUID().toString(),
        resolvedVersion, chain::resolve, bufferSize, uniqueKeyCap, retryPolicy, EventCatalog.builtIn(),
        cli ? new Spool(dir, settings.endpoint()) : null, proxy);
    ErrorMapper mapper = new ErrorMapper(messagePolicy, metadataAllowList);
    ActiveTelemetry telemetry =
        new ActiveTelemetry(BatchSender.start(options), settings, anonymizer, mapper, closeDeadline);
    if (reportUncaught && settings.errorsActive()) {
      telemetry.installUncaughtReporter();
    }
    if (shutdownHook) {
      telemetry.installShutdownHook();
    }
    LOG.log(Level.DEBUG, "Pulse telemetry started, sending " + proxy.describe(settings.endpoint()) + ": " + settings);
    return telemetry;
  }
}
