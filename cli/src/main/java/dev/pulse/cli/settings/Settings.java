package dev.pulse.cli.settings;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.schema.Suggestions;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings of the {@code pulse} command, one key per setting: a flag {@code --data-dir}, the
 * environment variable {@code PULSE_DATA_DIR}, the key {@code data-dir} of the {@code --config}
 * properties file. A flag beats the environment, which beats the file, which beats the default.
 * Unknown keys in the file are refused by name. Immutable.
 *
 * <p>As picocli's default-value provider it supplies the environment's or the file's value of an
 * option whose name is a key ({@code --token} is {@code admin-token}); picocli then lets a flag win.
 */
public final class Settings implements IDefaultValueProvider {

  /** Every key, as a file may spell it. */
  public static final List<String> KEYS = List.of(
      "port", "host", "data-dir", "store", "admin-token", "read-token", "context-key", "base-path", "tls-cert",
      "tls-key", "trusted-proxies",
      "rollup-refresh-seconds",
      "retention-events-days", "retention-cli-commands-days", "retention-errors-days",
      "min-request-data-rate", "body-timeout-seconds", "header-timeout-seconds", "idle-timeout-seconds",
      "max-connections",
      "max-buffered-body-bytes",
      "public-stats", "public-min-installs", "alert-webhook", "alert-error-rate",
      "alert-weekly-digest", "min-free-disk",
      "log-level", "log-format");

  private final Map<String, String> env;
  private final Map<String, String> file;
  private final Path configFile;

  private Settings(Map<String, String> env, Map<String, String> file, Path configFile) {
    this.env = Map.copyOf(env);
    this.file = Map.copyOf(file);
    this.configFile = configFile;
  }

  /** The settings of the environment and, when {@code configFile} is not null, of that file. */
  public static Settings load(Map<String, String> env, Path configFile) {
    return new Settings(env, configFile == null ? Map.of() : readFile(configFile), configFile);
  }

  /** The settings in force for {@code command}: those its root command was given. */
  public static Settings of(CommandSpec command) {
    return CommandRoot.of(command).settings();
  }

  /** The {@code --config} file named on a command line, or null; read before picocli parses. */
  public static Path configFile(String[] args) {
    String file = flag(args, "--config");
    return file == null ? null : Path.of(file);
  }

  /**
   * The value of {@code --name VALUE} or {@code --name=VALUE} in a command line, read before picocli
   * parses it (for what must be known first: the config file, the logging); null when absent.
   */
  public static String flag(String[] args, String name) {
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      if (args[i].equals(name) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(name + "=")) {
        return args[i].substring(name.length() + 1);
      }
    }
    return null;
  }

  /** The environment variable of a key: {@code data-dir} is {@code PULSE_DATA_DIR}. */
  public static String envName(String key) {
    return "PULSE_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The value of a key from the environment, else the file; null when neither sets it. */
  public String get(String key) {
    String fromEnv = env.get(envName(key));
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : file.get(key);
  }

  /** Looks a setting up by its environment name ({@code PULSE_RETENTION_EVENTS_DAYS}), env first. */
  public String byEnvName(String envName) {
    return KEYS.stream().filter(k -> envName(k).equals(envName)).findFirst().map(this::get).orElse(null);
  }

  /**
   * A message about settings named by their environment names, each named where its value came from:
   * {@code PULSE_RETENTION_EVENTS_DAYS} stays when the environment set it, and becomes
   * {@code 'retention-events-days' in the config file F} when the file did.
   */
  String namingSources(String message) {
    String named = message;
    for (String key : KEYS) {
      String envName = envName(key);
      String fromEnv = env.get(envName);
      if (named.contains(envName) && (fromEnv == null || fromEnv.isBlank()) && file.containsKey(key)) {
        named = named.replace(envName, "'" + key + "' in the config file " + configFile);
      }
    }
    return named;
  }

  /**
   * A refusal of a setting's value, named by where the value came from. When {@code message} starts
   * with a setting's key ("public-min-installs must be at least 2", "context-key: ..."), the key becomes
   * its flag when {@code flagGiven} says the command line gave it, else its environment variable or its
   * key in the config file, whichever gave the value. Other messages are named as by {@link #namingSources}.
   */
  public String naming(String message, Predicate<String> flagGiven) {
    for (String key : KEYS) {
      if (message.startsWith(key + " ") || message.startsWith(key + ":")) {
        String source = flagGiven.test(key) ? "--" + key : sourceOf(key);
        return source == null ? message : source + message.substring(key.length());
      }
    }
    return namingSources(message);
  }

  /**
   * The keyer of the {@code context-key} setting, or null when it is not set.
   *
   * @throws CliFailure a usage mistake naming where the setting came from, for a key too short
   */
  public ContextKeyer contextKeyer() {
    String value = get("context-key");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ContextKeyFile.configured(value);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(naming("context-key: the " + e.getMessage() + " (hex digits count two to a byte); give"
          + " the key the servers of this store use, e.g. 64 hex digits from openssl rand -hex 32", key -> false), e);
    }
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    String key = key(arg);
    if (key == null) {
      return null;
    }
    String value = get(key);
    // The tools' --token: the admin token, else the read token, which reads (query, export) as well.
    return value == null && isToolsToken(arg) ? get("read-token") : value;
  }

  private static boolean isToolsToken(ArgSpec arg) {
    return arg instanceof OptionSpec option && option.longestName().equals("--token");
  }

  /**
   * Where an option's value came from when no flag gave it, for a message about that value: the
   * environment variable ({@code PULSE_PORT}) or the key in the config file; null for neither.
   */
  public String sourceOf(ArgSpec arg) {
    String key = key(arg);
    return key == null ? null : sourceOf(key);
  }

  /** As {@link #sourceOf(ArgSpec)}, for a setting's key. */
  public String sourceOf(String key) {
    String fromEnv = env.get(envName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return envName(key);
    }
    return file.containsKey(key) ? "'" + key + "' in the config file " + configFile : null;
  }

  /** The setting's key of an option ({@code --token} is {@code admin-token}); null when it has none. */
  private static String key(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
      return null;
    }
    String name = option.longestName().substring(2);
    String key = name.equals("token") ? "admin-token" : name;
    return KEYS.contains(key) ? key : null;
  }

  private static Map<String, String> readFile(Path configFile) {
    if (configFile.toString().isEmpty()) { // --config= , or an unset variable: not the working directory
      throw CliFailure.usage("--config is empty: give it a properties file, e.g. --config pulse.properties");
    }
    if (Files.isDirectory(configFile)) {
      throw CliFailure.usage("the config file " + configFile + " is a directory: give --config a properties file");
    }
    OnceEach properties = new OnceEach();
    try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("the config file " + configFile + " does not exist; give --config a file you may read");
    } catch (CharacterCodingException e) {
      throw CliFailure.usage("the config file " + configFile + " is not UTF-8 text: write it as lines of key=value", e);
    } catch (FileSystemException e) {
      throw CliFailure.usage("cannot read the config file " + configFile + ": " + CliFailure.reason(e)
          + "; give --config a file you may read", e);
    } catch (IOException | IllegalArgumentException e) {
      throw CliFailure.usage("cannot read the config file " + configFile + ": " + CliFailure.firstLine(e), e);
    }
    if (properties.repeated != null) {
      throw CliFailure.usage("'" + properties.repeated + "' is set more than once in " + configFile
          + ": keep one line for it");
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        throw CliFailure.usage("unknown key '" + key + "' in " + configFile
            + Suggestions.question(key, KEYS)
            + "; the keys are listed by 'pulse --help'");
      }
      values.put(key, properties.getProperty(key).strip());
    }
    return values;
  }

  /** Properties that note the first key a file sets twice ({@link Properties} keeps the last silently). */
  private static final class OnceEach extends Properties {
    private String repeated;

    @Override
    public synchronized Object put(Object key, Object value) {
      Object previous = super.put(key, value);
      if (previous != null && repeated == null) {
        repeated = String.valueOf(key);
      }
      return previous;
    }
  }
}
