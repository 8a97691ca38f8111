package dev.pulse.server.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sign-in sessions, kept in memory: a session id is 256 random bits, valid until a fixed
 * time after sign-in (default 12 hours) or until signed out. A restart signs everyone out, which is
 * the price of never writing a credential to disk.
 *
 * <p>Thread-safe.
 */
public final class SessionStore {

  /** The default lifetime of a session. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(12);

  private static final int ID_BYTES = 32;

  private final Map<String, Instant> expiryById = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration ttl;
  private final Clock clock;

  private SessionStore(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A store whose sessions last {@link #DEFAULT_TTL}. */
  public static SessionStore create() {
    return create(DEFAULT_TTL, Clock.systemUTC());
  }

  /** A store whose sessions last {@code ttl}, measured on {@code clock}. */
  public static SessionStore create(Duration ttl, Clock clock) {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    return new SessionStore(ttl, clock);
  }

  /** Starts a session and returns its id. */
  public String start() {
    pruneExpired();
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    expiryById.put(id, clock.instant().plus(ttl));
    return id;
  }

  /**
   * Whether {@code sessionId} names a session that has not expired or been ended. Null is invalid.
   */
  public boolean isValid(String sessionId) {
    if (sessionId == null) {
      return false;
    }
    Instant expiry = expiryById.get(sessionId);
    if (expiry == null) {
      return false;
    }
    if (!clock.instant().isBefore(expiry)) {
      expiryById.remove(sessionId, expiry);
      return false;
    }
    return true;
  }

  /** Ends the session, if there is one. */
  public void end(String sessionId) {
    if (sessionId != null) {
      expiryById.remove(sessionId);
    }
  }

  /** How long a session lasts. */
  public Duration ttl() {
    return ttl;
  }

  // Pruning on sign-in keeps the map bounded by the sign-ins of one TTL without a timer thread.
  private void pruneExpired() {
    Instant now = clock.instant();
    expiryById.values().removeIf(expiry -> !now.isBefore(expiry));
  }
}
