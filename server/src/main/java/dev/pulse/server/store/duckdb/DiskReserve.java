package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.DiskBelowReserveException;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free space a store keeps on the disk of its data dir: below it, new records are refused (503 and
 * Retry-After) before the database or the journal hit a full disk, and readiness says not ready.
 * Records already acknowledged are still applied, into the reserve.
 *
 * <p>The free space is read at most every {@value #CHECK_INTERVAL_MILLIS} ms (one {@code statfs}); the
 * reserve must cover what is written in between. One WARN line when the free space falls below the
 * reserve and one INFO line when it is back, not one a request.
 *
 * <p>Thread-safe.
 */
public final class DiskReserve implements DiskSpace {

  static final long CHECK_INTERVAL_MILLIS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(DiskReserve.class);

  private final Path dir;
  private final long minFreeBytes;
  private final LongSupplier usableBytes;
  private long checkedAtNanos;
  private boolean checked;
  private volatile long freeBytes;
  private volatile boolean low;

  private DiskReserve(Path dir, long minFreeBytes, LongSupplier usableBytes) {
    this.dir = dir;
    this.minFreeBytes = minFreeBytes;
    this.usableBytes = usableBytes;
  }

  /**
   * The reserve of {@code minFreeBytes} (0 turns it off) on the disk holding {@code dir}.
   *
   * @throws StoreException when the disk of {@code dir} cannot be found
   */
  public static DiskReserve of(Path dir, long minFreeBytes) {
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minFreeBytes must not be negative, got " + minFreeBytes);
    }
    FileStore store;
    try {
      store = Files.getFileStore(dir);
    } catch (IOException e) {
      throw new StoreException("cannot find the disk of " + dir + ": " + e.getMessage(), e);
    }
    return new DiskReserve(dir, minFreeBytes, () -> usable(store));
  }

  /**
   * Refuses, for a store about to take records, a reserve not smaller than the whole disk that holds
   * {@code dataDir} (or will hold it: its nearest existing parent): no record could ever be stored,
   * and the store would refuse every write for as long as it ran. A store opened only to be read
   * keeps no reserve that matters and is not refused.
   *
   * @throws StoreException naming both sizes and what to do
   */
  public static void requireSmallerThanDisk(Path dataDir, long minFreeBytes) {
    Path existing = dataDir.toAbsolutePath();
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent();
    }
    long total;
    try {
      total = Files.getFileStore(existing).getTotalSpace();
    } catch (IOException e) {
      return; // no size to compare with; opening the store tells what is wrong with the dir
    }
    // 0 is a size some file systems do not report (it is not one a store could live on).
    if (total > 0 && minFreeBytes >= total) {
      // Short: what to do must fit on the line with the two sizes and a long path.
      throw new StoreException("--min-free-disk (PULSE_MIN_FREE_DISK) of " + size(minFreeBytes)
          + " is not smaller than the whole disk of " + dataDir + ", " + size(total) + ": no record could be"
          + " stored; give a reserve well below it (default 256MiB; 0 turns it off), or a data dir on a larger disk");
    }
  }

  /** {@code bytes} for a person: {@code 10 GiB (10737418240 bytes)}. */
  static String size(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = -1;
    double value = bytes;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    String shown = unit < 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit])
        .replace(".0 ", " ");
    return unit < 0 ? shown : shown + " (" + bytes + " bytes)";
  }

  @Override
  public long freeBytes() {
    refreshIfStale();
    return freeBytes;
  }

  @Override
  public boolean isLow() {
    refreshIfStale();
    return low;
  }

  @Override
  public long minFreeBytes() {
    return minFreeBytes;
  }

  /**
   * Refuses new records while the free space is below the reserve.
   *
   * @param refused what was not stored and what to do, for the message: a request is retried, a
   *     load is run again
   * @throws DiskBelowReserveException saying how much is free, what the reserve is, and {@code refused}
   */
  public void check(String refused) {
    if (isLow()) {
      long free = freeBytes;
      throw new DiskBelowReserveException("the disk of " + dir + " has " + free + " bytes free, less than the "
          + minFreeBytes + " bytes the store keeps free (--min-free-disk); " + refused, free, minFreeBytes);
    }
  }

  private synchronized void refreshIfStale() {
    long now = System.nanoTime();
    if (checked && now - checkedAtNanos < CHECK_INTERVAL_MILLIS * 1_000_000) {
      return;
    }
    checked = true;
    checkedAtNanos = now;
    long free = usableBytes.getAsLong();
    boolean nowLow = free < minFreeBytes;
    freeBytes = free;
    if (nowLow && !low) {
      LOG.warn("disk low: the data dir {} has {} bytes free, less than the {} bytes kept free (min-free-disk);"
          + " refusing new records until space is freed", dir, free, minFreeBytes);
    } else if (!nowLow && low) {
      LOG.info("disk space back: the data dir {} has {} bytes free; accepting records again", dir, free);
    }
    low = nowLow;
  }

  private static long usable(FileStore store) {
    try {
      return store.getUsableSpace();
    } catch (IOException e) {
      // Unknown counts as none: refusing is safe, accepting into a full disk is not.
      return 0;
    }
  }
}
