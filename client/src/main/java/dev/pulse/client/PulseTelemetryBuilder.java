package dev.pulse.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.config.SettingsResolver;
import dev.pulse.client.context.ConfigDirectory;
import dev.pulse.client.context.KubernetesApi;
import dev.pulse.client.errors.MessagePolicy;
import dev.pulse.client.send.RetryPolicy;
import dev.pulse.schema.Anonymizer;
import dev.pulse.schema.ComponentType;

/**
 * Builds a {@link PulseTelemetry}. Only {@link #componentType} is required; without an endpoint
 * ({@link #defaultApiAddress}, or the user's {@code api-address}) the result is inert. Settings are
 * resolved once at {@link #build()} (builder, then flags, system properties, {@code OTTERIZE_*}
 * environment, host defaults, Go defaults); when telemetry is off the result is inert and nothing is
 * started. A null or blank version, address, contextId or setting value, and null flags, are not
 * thrown into the host (they are what a lookup that found nothing returns): each is ignored with one
 * WARNING saying what is used instead. Other setters throw {@link IllegalArgumentException} or {@link
 * NullPointerException} naming the parameter; {@link #build()} never throws for bad settings values
 * (they fall back to defaults with a warning).
 *
 * <p>Not thread-safe; build once.
 */
public final class PulseTelemetryBuilder {

  final SettingsResolver resolver = new SettingsResolver();
  Map<String, String> environment = System.getenv();
  Properties systemProperties = System.getProperties();
  String envPrefix = SettingsResolver.DEFAULT_ENV_PREFIX;
  ComponentType componentType;
  String version;
  Class<?> versionSource;
  String contextId;
  Path configDirectory;
  KubernetesApi kubernetesApi;
  Anonymizer anonymizer = Anonymizer.create();
  int bufferSize = 5000;
  int uniqueKeyCap = 100_000;
  Duration closeDeadline = PulseTelemetry.DEFAULT_CLOSE_DEADLINE;
  boolean shutdownHook = true;
  boolean reportUncaught = true;
  MessagePolicy messagePolicy = MessagePolicy.SCRUB;
  Set<String> metadataAllowList = Set.of("logger", "level");
  RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  PrintStream noticeOut = System.err;
  String programName = "This program";
  Set<String> commandWords;
  boolean tryWhileQuiet;

  PulseTelemetryBuilder() {}

  /** Which component reports (required). {@link ComponentType#CLI} turns on CLI mode. */
  public PulseTelemetryBuilder componentType(ComponentType type) {
    this.componentType = Objects.requireNonNull(type, "componentType");
    return this;
  }

  /**
   * The component's version; by default the host jar manifest's Implementation-Version. Null or blank
   * sends "unknown", with a WARNING; control characters (a line break, a NUL) are left out, with a
   * WARNING. Any other text is sent as is (the User-Agent header shows a character outside printable
   * ASCII as {@code ?}).
   */
  public PulseTelemetryBuilder version(String version) {
    String given = Lenient.text(version, "version", "sending \"" + HostVersion.UNKNOWN + "\"");
    this.version = given != null ? given : HostVersion.UNKNOWN;
    return this;
  }

  /** Reads the version from the manifest of the jar holding {@code hostClass}. */
  public PulseTelemetryBuilder versionFrom(Class<?> hostClass) {
    this.versionSource = Objects.requireNonNull(hostClass, "hostClass");
    return this;
  }

  /**
   * An explicit contextId, used as is (skips Kubernetes and the persisted id). Null or blank: derived as
   * without it, with a WARNING.
   */
  public PulseTelemetryBuilder contextId(String contextId) {
    this.contextId = Lenient.text(contextId, "contextId", "deriving the contextId as without it");
    return this;
  }

  /**
   * Sets a setting in code; beats flags, properties and environment. A null value unsets it (flags,
   * properties and environment then apply), with a WARNING.
   */
  public PulseTelemetryBuilder set(SettingKey key, String value) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      Lenient.ignored("set(" + key + ", null)", key.key() + " is read as if it was not set in code");
    }
    resolver.override(key, value);
    return this;
  }

  /**
   * Replaces a Go default for this host; flags, system properties and environment still win (e.g. a
   * demo pointing at a local server unless {@code OTTERIZE_API_ADDRESS} says otherwise). A null value
   * restores the Go default, with a WARNING.
   */
  public PulseTelemetryBuilder defaultSetting(SettingKey key, String value) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      Lenient.ignored("defaultSetting(" + key + ", null)", key.key() + " keeps the Go default");
    }
    resolver.hostDefault(key, value);
    return this;
  }

  /** {@code telemetry-enabled}. */
  public PulseTelemetryBuilder enabled(boolean enabled) {
    return set(SettingKey.TELEMETRY_ENABLED, Boolean.toString(enabled));
  }

  /**
   * {@code api-address}: the endpoint base URL, fixed in code (flags and environment cannot change it).
   * Null or blank: read as if not set in code, with a WARNING.
   */
  public PulseTelemetryBuilder apiAddress(String address) {
    resolver.override(SettingKey.API_ADDRESS,
        Lenient.text(address, "apiAddress", "api-address is read as if it was not set in code"));
    return this;
  }

  /**
   * The endpoint this component sends to unless its user sets another ({@code --api-address},
   * {@code OTTERIZE_API_ADDRESS}, {@code -Dotterize.api.address}): the maintainer's choice, e.g. their
   * own Pulse server. There is no built-in endpoint: with none chosen or set, the SDK stays inert and
   * logs why once. Null or blank (an unset variable the host read it from): no default endpoint, with a
   * WARNING.
   */
  public PulseTelemetryBuilder defaultApiAddress(String address) {
    resolver.hostDefault(SettingKey.API_ADDRESS, Lenient.text(address, "defaultApiAddress",
        "there is no default endpoint: the SDK stays inert unless its user sets api-address"));
    return this;
  }

  /** The host's command-line arguments; telemetry flags among them are read, others ignored (null: none). */
  public PulseTelemetryBuilder flags(String... args) {
    return flags(args == null ? null : Arrays.asList(args));
  }

  /** The host's command-line arguments; telemetry flags among them are read, others ignored (null: none). */
  public PulseTelemetryBuilder flags(List<String> args) {
    if (args == null) {
      Lenient.ignored("flags(null)", "no telemetry flags are read");
    }
    resolver.flags(args == null ? List.of() : args);
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

  /**
   * The environment-variable prefix (default {@code OTTERIZE_}); one without a {@code _} at its end gets
   * one ({@code MYTOOL} reads {@code MYTOOL_TELEMETRY_ENABLED}).
   */
  public PulseTelemetryBuilder environmentPrefix(String prefix) {
    this.envPrefix = SettingsResolver.prefixOf(prefix);
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

  /**
   * CLI mode: the host's command names (every noun, verb and modifier it has; picocli: the names of
   * its subcommands, all levels). Only these are reported after the program name, so an argument is
   * never taken for a command, and modifiers are reported only when declared: without this, {@code
   * reportCommand} sends noun and verb alone, each shaped like a command name. Null entries are left out.
   */
  public PulseTelemetryBuilder commandWords(Collection<String> words) {
    Set<String> declared = new HashSet<>();
    for (String word : Objects.requireNonNull(words, "words")) {
      if (word != null && !word.isBlank()) {
        declared.add(word.trim());
      }
    }
    this.commandWords = Set.copyOf(declared);
    return this;
  }

  /** CLI mode: the first-run notice's program name and stream (default stderr); null shows none, as to send once. */
  public PulseTelemetryBuilder firstRunNotice(String programName, PrintStream out) {
    this.programName = Require.text(programName, "programName");
    this.noticeOut = out;
    return this;
  }

  /**
   * CLI mode: try the server even while earlier runs leave it alone (no answer, or a Retry-After); default
   * false. For a command that tests sending, such as {@code pulse send-test}; an answer ends the quiet.
   */
  public PulseTelemetryBuilder tryWhileQuiet(boolean tryAnyway) {
    this.tryWhileQuiet = tryAnyway;
    return this;
  }

  /**
   * Resolves the settings and returns the working or the inert instance. Never throws for settings or
   * start-up failures (telemetry is then off, with a WARNING); only a missing {@link #componentType}
   * is an {@link IllegalStateException}, a programming error.
   */
  public PulseTelemetry build() {
    return Startup.build(this);
  }
}
