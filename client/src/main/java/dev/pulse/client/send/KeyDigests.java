package dev.pulse.client.send;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The distinct keys of one unique counter, held as 64-bit digests (the first 8 bytes of the key's
 * SHA-256; of its first {@link #HASHED_CHARS} characters and its length, for a longer key) rather than as
 * the keys: 16 bytes a key at most whatever the key's length, and the keys
 * themselves are not kept. Two distinct keys share a digest with a probability of about n²/2⁶⁵: 3 in
 * 10 billion at the 100,000-key cap, so the count is exact in practice. An open-addressing table of
 * longs, at most half full; a key already held costs one digest and one probe sequence and allocates
 * nothing. Thread-safe.
 */
final class KeyDigests {

  private static final int INITIAL = 16;
  /**
   * The characters of a key that are hashed; a longer key is hashed by these and its length, so that a
   * host passing a huge string pays microseconds on its thread, not a hash of megabytes under the lock.
   */
  static final int HASHED_CHARS = 4096;

  /** What {@link #add} did. */
  static final int KNOWN = -1;
  static final int FULL = -2;

  // Hashed under this counter's lock with its own digest and buffers: no allocation per key, and no
  // ThreadLocal that would pin the SDK's classes to the host's threads after close.
  private final Hasher hasher = new Hasher();
  private long[] table = new long[INITIAL];
  private int size;

  /** Adds {@code key} unless held or {@code cap} keys are held: the new size, {@link #KNOWN} or {@link #FULL}. */
  int add(String key, int cap) {
    synchronized (this) {
      long digest = hasher.digest(key);
      int slot = slotOf(digest);
      if (table[slot] == digest) {
        return KNOWN;
      }
      if (size >= cap) {
        return FULL;
      }
      table[slot] = digest;
      size++;
      if (size * 2 > table.length) {
        grow();
      }
      return size;
    }
  }

  /** Digests held. */
  synchronized int size() {
    return size;
  }

  /** Forgets every key (and the memory they took). */
  synchronized void clear() {
    table = new long[INITIAL];
    size = 0;
  }

  /** The slot holding {@code digest}, or the empty slot where it goes. */
  private int slotOf(long digest) {
    int mask = table.length - 1;
    int slot = (int) (digest ^ (digest >>> 32)) & mask;
    while (table[slot] != 0 && table[slot] != digest) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    for (long digest : old) {
      if (digest != 0) {
        table[slotOf(digest)] = digest;
      }
    }
  }

  /** A SHA-256 and its buffers, reused so a digest allocates nothing; used under the counter's lock. */
  private static final class Hasher {
    private final MessageDigest sha256;
    private final byte[] chunk = new byte[512];
    private final byte[] out = new byte[32];

    Hasher() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    /**
     * The first 8 bytes of SHA-256 over the key's first {@link #HASHED_CHARS} UTF-16 code units, and its
     * length when it has more; never 0 (the empty slot).
     */
    long digest(String key) {
      int n = 0;
      int hashed = Math.min(key.length(), HASHED_CHARS);
      for (int i = 0; i < hashed; i++) {
        char c = key.charAt(i);
        chunk[n++] = (byte) (c >>> 8);
        chunk[n++] = (byte) c;
        if (n == chunk.length) {
          sha256.update(chunk, 0, n);
          n = 0;
        }
      }
      sha256.update(chunk, 0, n);
      if (key.length() > HASHED_CHARS) {
        for (int shift = 24; shift >= 0; shift -= 8) {
          sha256.update((byte) (key.length() >>> shift));
        }
      }
      try {
        sha256.digest(out, 0, out.length);
      } catch (DigestException e) {
        throw new IllegalStateException("a 32-byte buffer holds a SHA-256", e);
      }
      long digest = 0;
      for (int i = 0; i < 8; i++) {
        digest = (digest << 8) | (out[i] & 0xff);
      }
      Arrays.fill(chunk, (byte) 0);
      return digest == 0 ? 1 : digest;
    }
  }
}
