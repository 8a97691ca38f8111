package dev.pulse.server.auth;

import dev.pulse.server.web.ClientKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down guessing the admin token, per client address: each wrong token in a row is answered
 * after a delay that doubles from {@value #FIRST_DELAY_MILLIS} ms up to {@value #MAX_DELAY_MILLIS}
 * ms; after {@link #MAX_FAILURES} in a row the address is blocked for {@link #BLOCK}: its callers
 * refuse it (HTTP 429 with {@code Retry-After}) whatever token it sends, the right one included, or
 * the block would not bound guessing. Outside a block a right token is never delayed and clears its
 * address's count. A count is forgotten after {@link #FORGET} without a wrong token. A delay holds
 * its request's thread, so at most {@value #MAX_WAITING} wrong tokens wait at once; past that one is
 * answered without its delay (and counted), so that wrong tokens sent many at once cannot take every
 * request thread from the clients.
 *
 * <p>The address is the client's as the callers resolve it: the TCP peer, or what a trusted proxy
 * forwards ({@code TrustedProxies}), so that behind a proxy one guesser does not block everyone. It
 * is counted under its {@link ClientKey}: an IPv4 address alone (an IPv4-mapped IPv6 address as its
 * IPv4 address), an IPv6 address with every other address of its /64, since one host usually holds
 * a whole /64 and would otherwise start a fresh count, and escape a block, with each new address.
 *
 * <p>Addresses live in memory only and are never logged: reaching the bound is logged once per
 * block, with the number of addresses blocked. At most {@value #MAX_ADDRESSES} addresses are
 * tracked, and making room never lifts a block, or a flood of addresses (cheap with IPv6) would lift
 * its own: past the bound, forgotten counts are dropped, then the counts of unblocked addresses with
 * the fewest wrong tokens, a tenth of the table at least. When every tracked address is blocked, a
 * further address is not tracked until a block ends: each of its wrong tokens waits the longest
 * delay, not the first one, since only guessing from thousands of addresses fills the table so.
 * Thread-safe.
 */
public final class AuthThrottle {

  /** Wrong tokens in a row after which an address is refused for {@link #BLOCK}. */
  public static final int MAX_FAILURES = 10;

  /** How long an address is refused once it reached {@link #MAX_FAILURES}. */
  public static final Duration BLOCK = Duration.ofSeconds(60);

  /** How long a count of wrong tokens is kept after the last one. */
  public static final Duration FORGET = Duration.ofMinutes(15);

  static final long FIRST_DELAY_MILLIS = 25;
  static final long MAX_DELAY_MILLIS = 1000;
  static final int MAX_ADDRESSES = 10_000;
  /** Wrong tokens waiting their delay at once, at most; each holds a request thread. */
  static final int MAX_WAITING = 32;

  private static final Logger LOG = LoggerFactory.getLogger(AuthThrottle.class);

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final LongAdder wrongTokens = new LongAdder();
  private final LongAdder refusals = new LongAdder();
  private final Clock clock;
  private final LongConsumer pause;
  private final Semaphore waiting = new Semaphore(MAX_WAITING);
  private final int maxAddresses;
  private final Object room = new Object();
  /** Until then every tracked address is blocked: no room is made (a scan of the table) before. */
  private volatile Instant fullUntil = Instant.MIN;

  /** The record of one address: wrong tokens in a row, the last one's time, the end of a block. */
  private record Failures(int count, Instant last, Instant blockedUntil) {}

  /** A throttle on {@code clock} that waits each delay with {@code pause} (milliseconds). */
  AuthThrottle(Clock clock, LongConsumer pause) {
    this(clock, pause, MAX_ADDRESSES);
  }

  /** As above, tracking at most {@code maxAddresses} addresses. */
  AuthThrottle(Clock clock, LongConsumer pause, int maxAddresses) {
    this.clock = clock;
    this.pause = pause;
    this.maxAddresses = maxAddresses;
  }

  /** A throttle on the system clock, delaying on the request's thread. */
  public static AuthThrottle create() {
    return new AuthThrottle(Clock.systemUTC(), AuthThrottle::sleep);
  }

  /**
   * The whole seconds {@code address} must wait before trying again (a refusal, counted); empty when
   * it may try now.
   */
  public OptionalLong blockedSeconds(String address) {
    Failures f = failures.get(ClientKey.of(address));
    Instant now = clock.instant();
    if (f == null || !blocked(f, now)) {
      return OptionalLong.empty();
    }
    refusals.increment();
    long millis = Duration.between(now, f.blockedUntil()).toMillis();
    return OptionalLong.of(Math.max(1, (millis + 999) / 1000));
  }

  /**
   * A right token from {@code address}, which its caller found not blocked: its count starts over. A
   * block that began meanwhile (another request's wrong token) stays.
   */
  public void succeeded(String address) {
    Instant now = clock.instant();
    failures.computeIfPresent(ClientKey.of(address), (key, f) -> blocked(f, now) ? f : null);
  }

  /**
   * A wrong token from {@code address}: counts it, and waits the delay its count calls for (at most
   * {@value #MAX_DELAY_MILLIS} ms) before the caller answers, unless {@value #MAX_WAITING} wrong tokens
   * are waiting already.
   */
  public void failed(String address) {
    wrongTokens.increment();
    Failures f = count(ClientKey.of(address));
    if (f != null && f.count() >= MAX_FAILURES) {
      LOG.warn(
          "{} wrong admin tokens in a row from one address; it is refused for {} s ({} address(es) refused now)",
          MAX_FAILURES, BLOCK.toSeconds(), blockedCount());
    }
    // The wait holds a request thread: wrong tokens sent many at once would otherwise hold them all and
    // stall everyone's requests. Past the bound a wrong token is answered at once; it still counts toward
    // the block, which is what bounds guessing.
    if (waiting.tryAcquire()) {
      try {
        pause.accept(f == null ? MAX_DELAY_MILLIS : delayMillis(f.count()));
      } finally {
        waiting.release();
      }
    }
  }

  /** Wrong tokens counted since start (for {@code /metrics}). */
  public long wrongTokens() {
    return wrongTokens.sum();
  }

  /** Tries refused with 429 since start (for {@code /metrics}). */
  public long refusals() {
    return refusals.sum();
  }

  /** The delay after the {@code count}-th wrong token in a row. */
  static long delayMillis(int count) {
    int doublings = Math.min(Math.max(0, count - 1), 10);
    return Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << doublings);
  }

  /**
   * Counts a wrong token under {@code key} (an address, or an IPv6 /64: {@link ClientKey}); null when
   * it is not tracked, every tracked address being blocked.
   */
  private Failures count(String key) {
    Instant now = clock.instant();
    if (failures.size() >= maxAddresses && !failures.containsKey(key) && !makeRoom(now)) {
      return null;
    }
    return failures.compute(
        key,
        (k, f) -> {
          boolean fresh = f == null || forgotten(f, now);
          int count = fresh ? 1 : f.count() + 1;
          Instant blockedUntil = count >= MAX_FAILURES ? now.plus(BLOCK) : null;
          return new Failures(count, now, blockedUntil);
        });
  }

  /**
   * Makes room for one more address without lifting a block, as the class says; false when every
   * tracked address is blocked. A scan of the table: once per tenth of it filled again, more often only
   * while most of it is blocked, and not at all while all of it is.
   */
  private boolean makeRoom(Instant now) {
    if (now.isBefore(fullUntil)) {
      return false;
    }
    synchronized (room) {
      if (failures.size() < maxAddresses) {
        return true; // another thread made room meanwhile
      }
      // values().removeIf removes an entry only if unchanged since read: one blocked meanwhile stays.
      failures.values().removeIf(f -> !blocked(f, now) && forgotten(f, now));
      int excess = failures.size() - (maxAddresses - Math.max(1, maxAddresses / 10));
      if (excess > 0) {
        int fewest = fewestToDrop(now, excess);
        int before = failures.size();
        failures.values().removeIf(f -> !blocked(f, now) && Math.min(f.count(), MAX_FAILURES) <= fewest);
        if (failures.size() < before) {
          LOG.warn("wrong admin tokens from over {} addresses; the counts of the unblocked ones with {} wrong tokens"
              + " or fewer are dropped (no block is lifted)", maxAddresses, fewest);
        }
      }
      if (failures.size() < maxAddresses) {
        return true;
      }
      fullUntil = failures.values().stream().map(Failures::blockedUntil).filter(end -> end != null)
          .min(Instant::compareTo).orElse(now);
      LOG.warn("wrong admin tokens from over {} addresses, every one refused now; wrong tokens from further"
          + " addresses are not counted but each delayed {} ms until a block ends", maxAddresses, MAX_DELAY_MILLIS);
      return false;
    }
  }

  /** The fewest wrong tokens in a row such that the unblocked counts up to it are {@code excess} at least. */
  private int fewestToDrop(Instant now, int excess) {
    int[] counts = new int[MAX_FAILURES + 1];
    failures.values().stream().filter(f -> !blocked(f, now)).forEach(f -> counts[Math.min(f.count(), MAX_FAILURES)]++);
    int dropped = 0;
    for (int fewest = 1; fewest < MAX_FAILURES; fewest++) {
      dropped += counts[fewest];
      if (dropped >= excess) {
        return fewest;
      }
    }
    return MAX_FAILURES;
  }

  private long blockedCount() {
    Instant now = clock.instant();
    return failures.values().stream().filter(f -> blocked(f, now)).count();
  }

  private static boolean forgotten(Failures f, Instant now) {
    return Duration.between(f.last(), now).compareTo(FORGET) > 0;
  }

  private static boolean blocked(Failures f, Instant now) {
    return f.blockedUntil() != null && now.isBefore(f.blockedUntil());
  }

  private static void sleep(long millis) {
    // A bounded, deliberate wait on the request's own thread; an address past the bound gets its
    // 429 at once instead, so one address holds at most a few threads for at most a second.
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
