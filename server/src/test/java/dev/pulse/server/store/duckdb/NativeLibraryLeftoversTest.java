package dev.pulse.server.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of DuckDB's library left by killed processes are deleted once old; nothing else is. */
class NativeLibraryLeftoversTest {

  @TempDir Path tmp;

  @Test
  void deletesTheDriversOldCopiesAndKeepsNewOnesAndEveryOtherFile() throws Exception {
    Instant now = Instant.now();
    Path old = copy("libduckdb_java8812736451.so", now.minus(Duration.ofHours(2)));
    Path older = copy("libduckdb_java17.so", now.minus(Duration.ofDays(3)));
    Path fresh = copy("libduckdb_java99.so", now.minus(Duration.ofMinutes(1)));
    Path notTheDrivers = copy("libduckdb_java.so", now.minus(Duration.ofDays(3)));
    Path another = copy("libduckdb_java12.so.keep", now.minus(Duration.ofDays(3)));
    Path directory = Files.createDirectory(tmp.resolve("libduckdb_java55.so"));
    Files.setLastModifiedTime(directory, FileTime.from(now.minus(Duration.ofDays(3))));

    int deleted = NativeLibraryLeftovers.delete(tmp, now.minus(NativeLibraryLeftovers.AGE));

    assertThat(deleted).isEqualTo(2);
    assertThat(old).doesNotExist();
    assertThat(older).doesNotExist();
    assertThat(fresh).exists();
    assertThat(notTheDrivers).exists();
    assertThat(another).exists();
    assertThat(directory).exists();
  }

  @Test
  void aDirectoryThatCannotBeListedDeletesNothingAndFailsNothing() {
    assertThat(NativeLibraryLeftovers.delete(tmp.resolve("missing"), Instant.now())).isZero();
  }

  private Path copy(String name, Instant modified) throws Exception {
    Path file = Files.write(tmp.resolve(name), new byte[] {0x7f, 'E', 'L', 'F'});
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }
}
