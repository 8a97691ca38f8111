package dev.pulse.server.analytics.generate;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes a realistic synthetic data set into a store (a bulk loader, or {@link EventStore#append}):
 * installs that appear over
 * the period, a share that churns within days, a component mix, releases every few weeks that most
 * installs adopt with a lag, heartbeats, LEVEL counts reported {@value #REPORTS_PER_DAY} times a day,
 * occasional DELTA events, restarts, CLI use and errors with cause chains. Deterministic: the same
 * settings give the same records (each install draws from its own random stream). Records go to the
 * store day by day in batches of {@code batchSize}. Roughly 18 component events per install per day.
 */
public final class DataSetGenerator {

  /** Heartbeats and LEVEL snapshots per component per day (every 8 hours). */
  public static final int REPORTS_PER_DAY = 3;

  /**
   * What to generate.
   *
   * @param installs number of installs (clusters); CLI users are a quarter of that
   * @param days number of UTC days, ending with {@code lastDay}
   * @param lastDay the last day of the data set
   * @param seed the random seed
   * @param batchSize records per {@link EventStore#append}
   * @param until no record of the day this instant falls in is received after it: that day's records
   *     are spread over its part before it (a data set ending today holds nothing from later today)
   */
  public record Settings(int installs, int days, LocalDate lastDay, long seed, int batchSize, Instant until) {

    public Settings {
      if (installs < 1) {
        throw new IllegalArgumentException("installs must be at least 1: " + installs);
      }
      if (days < 1 || days > 3660) {
        throw new IllegalArgumentException("days must be 1..3660: " + days);
      }
      Objects.requireNonNull(lastDay, "lastDay");
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
      }
      Objects.requireNonNull(until, "until");
    }

    /** Settings whose days are whole, up to the end of {@code lastDay}. */
    public Settings(int installs, int days, LocalDate lastDay, long seed, int batchSize) {
      this(installs, days, lastDay, seed, batchSize, lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Records per batch of {@link #of}: what the per-request append path takes at once. */
    public static final int DEFAULT_BATCH_SIZE = 50_000;

    public static Settings of(int installs, int days, LocalDate lastDay, long seed) {
      return new Settings(installs, days, lastDay, seed, DEFAULT_BATCH_SIZE);
    }

    /** The same data set, handed over {@code records} at a time (the data does not change). */
    public Settings withBatchSize(int records) {
      return new Settings(installs, days, lastDay, seed, records, until);
    }

    /** The same data set, with nothing of the day {@code instant} falls in received after it. */
    public Settings until(Instant instant) {
      return new Settings(installs, days, lastDay, seed, batchSize, instant);
    }
  }

  /** Told after each generated day. */
  public interface Progress {
    void dayDone(int daysDone, int days, long records);
  }

  /** What was written. */
  public record Summary(long events, long cliCommands, long errors) {
    public long records() {
      return events + cliCommands + errors;
    }
  }

  private static final String[][] RELEASES = {
    {"v3.0.5", "v3.1.0", "v3.2.0", "v3.3.2"}, // INTENTS_OPERATOR
    {"v0.4.0", "v0.5.1", "v0.6.0", "v0.7.0"}, // CREDENTIALS_OPERATOR
    {"v1.0.2", "v1.1.0", "v1.2.1", "v1.3.0"}, // NETWORK_MAPPER
    {"v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0"}, // CLI
    {"v0.1.0", "v0.2.0", "v0.3.0", "v0.4.1"}, // NODE_AGENT
  };

  private static final long DAY_MICROS = 86_400_000_000L;

  private final Settings settings;
  /** The part of the current day records are spread over: 1 but on the day {@link Settings#until} falls in. */
  private double daySpan = 1.0;
  private final int[] releaseDays;
  private final InstallPlan[] installs;
  private final InstallPlan[] cliUsers;
  private final CliUsage cli = new CliUsage();
  private final List<StoredEvent> events = new ArrayList<>();
  private final List<StoredCliCommand> commands = new ArrayList<>();
  private final List<StoredError> errors = new ArrayList<>();
  private long eventCount;
  private long commandCount;
  private long errorCount;

  public DataSetGenerator(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    int d = settings.days();
    this.releaseDays = new int[] {-100_000, d / 5, d / 2, d * 4 / 5};
    SplittableRandom seeds = new SplittableRandom(settings.seed());
    this.installs = new InstallPlan[settings.installs()];
    for (int i = 0; i < installs.length; i++) {
      installs[i] = new InstallPlan(seeds.split(), d, releaseDays);
    }
    this.cliUsers = new InstallPlan[Math.max(1, settings.installs() / 4)];
    for (int i = 0; i < cliUsers.length; i++) {
      cliUsers[i] = new InstallPlan(seeds.split(), d, releaseDays);
    }
  }

  /** Generates every day into the store, through {@link EventStore#append}. */
  public Summary writeTo(EventStore store, Progress progress) {
    return writeTo((Consumer<RecordBatch>) store::append, progress);
  }

  /**
   * Generates every day into {@code sink}, a batch of at most {@code batchSize} records at a time
   * (a bulk loader's {@code load}, or a store's {@code append}).
   */
  public Summary writeTo(Consumer<RecordBatch> store, Progress progress) {
    for (int day = 0; day < settings.days(); day++) {
      long dayStartMicros = settings.lastDay().minusDays(settings.days() - 1L - day)
          .atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
      long untilMicros = settings.until().getEpochSecond() * 1_000_000L + settings.until().getNano() / 1_000
          - dayStartMicros;
      daySpan = untilMicros > 0 && untilMicros < DAY_MICROS ? (double) untilMicros / DAY_MICROS : 1.0;
      for (InstallPlan install : installs) {
        if (install.activeOn(day) && install.random.nextDouble() >= 0.08) { // some days are missed
          installDay(install, day, dayStartMicros);
        }
        flushIfFull(store);
      }
      for (InstallPlan user : cliUsers) {
        if (user.activeOn(day) && user.random.nextDouble() < 0.3) {
          cliDay(user, day, dayStartMicros);
        }
      }
      flushIfFull(store);
      progress.dayDone(day + 1, settings.days(), eventCount + commandCount + errorCount);
    }
    flush(store);
    return new Summary(eventCount, commandCount, errorCount);
  }

  /** A version 4 UUID, as components send and as ingestion keeps: ingestion re-keys any other id. */
  private static String randomUuid(SplittableRandom random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  private void installDay(InstallPlan install, int day, long dayStartMicros) {
    SplittableRandom random = install.random;
    int grown = install.size + install.size * (day - install.firstDay) / 120;
    for (ComponentType type : install.components) {
      String version = RELEASES[type.ordinal()][install.release(day, releaseDays)];
      boolean restarted = install.instanceIds[type.ordinal()] == null || random.nextDouble() < 0.08;
      if (restarted) {
        install.instanceIds[type.ordinal()] = randomUuid(random);
      }
      Component component =
          new Component(type, install.instanceIds[type.ordinal()], install.contextKey, version, "");
      if (restarted) {
        event(component, EventType.STARTED, 1, dayStartMicros, random);
      }
      for (int r = 0; r < REPORTS_PER_DAY; r++) {
        event(component, EventType.ACTIVE, 0, dayStartMicros, random);
        for (EventType level : levels(type)) {
          event(component, level, Math.max(0, grown + random.nextInt(3) - 1), dayStartMicros, random);
        }
      }
      deltas(component, dayStartMicros, random);
      if (random.nextDouble() < 0.03) {
        int template = ErrorTemplates.pick(random);
        errors.add(new StoredError(time(dayStartMicros, random), component, ErrorTemplates.fingerprint(template),
            ErrorTemplates.error(template)));
        errorCount++;
      }
    }
  }

  private void deltas(Component component, long dayStartMicros, SplittableRandom random) {
    switch (component.componentType()) {
      case NETWORK_MAPPER:
        maybe(component, EventType.MAPPER_EXPORT, 0.2, 3, dayStartMicros, random);
        maybe(component, EventType.MAPPER_VISUALIZE, 0.1, 2, dayStartMicros, random);
        break;
      case INTENTS_OPERATOR:
        maybe(component, EventType.NETWORK_POLICIES_CREATED, 0.5, 20, dayStartMicros, random);
        maybe(component, EventType.NETWORK_POLICIES_DELETED, 0.2, 5, dayStartMicros, random);
        maybe(component, EventType.KAFKA_ACLS_CREATED, 0.05, 10, dayStartMicros, random);
        break;
      case NODE_AGENT:
        maybe(component, EventType.EBPF_ATTACHED, 1.0, 4, dayStartMicros, random);
        maybe(component, EventType.EBPF_ATTACH_FAILED, 0.05, 2, dayStartMicros, random);
        break;
      default:
        break;
    }
  }

  private void maybe(Component component, EventType type, double probability, int maxCount,
      long dayStartMicros, SplittableRandom random) {
    if (random.nextDouble() < probability) {
      event(component, type, 1 + random.nextInt(maxCount), dayStartMicros, random);
    }
  }

  private static final EventType[] NO_LEVELS = {};
  private static final EventType[] MAPPER_LEVELS = {
    EventType.SERVICE_DISCOVERED, EventType.NAMESPACE_DISCOVERED, EventType.INTENTS_DISCOVERED
  };
  private static final EventType[] OPERATOR_LEVELS = {EventType.INTENTS_APPLIED, EventType.INTENTS_APPLIED_KAFKA};
  private static final EventType[] AGENT_LEVELS = {EventType.INTENTS_DISCOVERED_SOCKET_SCAN};

  private static EventType[] levels(ComponentType type) {
    switch (type) {
      case NETWORK_MAPPER:
        return MAPPER_LEVELS;
      case INTENTS_OPERATOR:
        return OPERATOR_LEVELS;
      case NODE_AGENT:
        return AGENT_LEVELS;
      default:
        return NO_LEVELS;
    }
  }

  private void cliDay(InstallPlan user, int day, long dayStartMicros) {
    SplittableRandom random = user.random;
    String version = RELEASES[ComponentType.CLI.ordinal()][user.release(day, releaseDays)];
    CliIdentifier identifier = new CliIdentifier(version, user.contextKey, "");
    int invocations = 1 + random.nextInt(5);
    for (int i = 0; i < invocations; i++) {
      CliCommand command = cli.pick(random);
      commands.add(new StoredCliCommand(time(dayStartMicros, random), identifier, command));
      commandCount++;
    }
  }

  private void event(Component component, EventType type, int count, long dayStartMicros, SplittableRandom random) {
    events.add(new StoredEvent(time(dayStartMicros, random), component, TelemetryData.of(type, count)));
    eventCount++;
  }

  /** A time of the day: the same draw whatever {@link #daySpan}, so only that day's times differ. */
  private Instant time(long dayStartMicros, SplittableRandom random) {
    long micros = dayStartMicros + (long) (random.nextLong(DAY_MICROS) * daySpan);
    // Whole milliseconds, as the server keeps a receive time: an export and import give the same record.
    return Instant.ofEpochMilli(Math.floorDiv(micros, 1_000L));
  }

  private void flushIfFull(Consumer<RecordBatch> store) {
    if (events.size() + commands.size() + errors.size() >= settings.batchSize()) {
      flush(store);
    }
  }

  private void flush(Consumer<RecordBatch> store) {
    if (events.isEmpty() && commands.isEmpty() && errors.isEmpty()) {
      return;
    }
    store.accept(new RecordBatch(events, commands, errors));
    events.clear();
    commands.clear();
    errors.clear();
  }
}
