package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.DataDirectories;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.duckdb.journal.WriteAhead;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Opens the store of a data dir, in order: the data dir (created if needed) and its lock, the disk
 * reserve, the DuckDB file (migrated), then the journal, whose entries DuckDB does not have yet are
 * applied before the store is returned. What a failure leaves open is closed again, and a failure
 * that is not a store's own is told with the file's name and the way out of a damaged file.
 */
final class StoreOpener {

  private StoreOpener() {}

  static DuckDbEventStore open(Path dataDir, WriteAhead.Settings journalSettings, Clock clock,
      long minFreeDiskBytes, CommitObserver observer) {
    Path file = dataDir.resolve(DuckDbEventStore.FILE_NAME).toAbsolutePath();
    DataDirLock lock = null;
    try {
      DataDirectories.create(dataDir);
      lock = DataDirLock.acquire(dataDir); // before DuckDB's lock, which is on the file only
      DiskReserve reserve = DiskReserve.of(dataDir, minFreeDiskBytes);
      DuckDbInstance db = new DuckDbInstance(file);
      db.open();
      try {
        WriteTransactions writes = new WriteTransactions(file, db);
        long applied = WriteTransactions.appliedSeq(db.writer());
        WriteAhead writeAhead = WriteAhead.open(
            dataDir.resolve(DuckDbEventStore.JOURNAL_DIR), applied, writes::apply, journalSettings, clock, observer,
            List.of(file));
        return new DuckDbEventStore(file, db, writes, writeAhead, reserve, clock, lock);
      } catch (SQLException | RuntimeException e) {
        db.close();
        throw e;
      }
    } catch (IOException | SQLException | RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      throw e instanceof RuntimeException runtime ? runtime : new StoreException("cannot open the DuckDB store at "
          + file + ": " + DamagedFile.reason(e) + DamagedFile.wayOut(e), e);
    }
  }
}
