package dev.pulse.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextKeyFileTest {

  private static final int STARTS = 8;

  @TempDir Path dir;

  /**
   * Starts racing on a fresh data dir all end with the one key on disk, and only the start that made
   * it is told so: a start that fails removes the key it made, so a racer that only read it must not.
   */
  @Test
  void startsRacingOnAFreshDataDirShareOneKeyAndOnlyItsMakerIsToldItMadeIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(STARTS);
    try {
      for (int trial = 0; trial < 40; trial++) {
        Path dataDir = dir.resolve("trial-" + trial);
        AtomicInteger made = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ContextKeyer>> starts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
          Callable<ContextKeyer> start = () -> {
            go.await();
            return ContextKeyFile.load(null, dataDir, made::incrementAndGet);
          };
          starts.add(pool.submit(start));
        }
        go.countDown();
        Set<String> checks = starts.stream().map(ContextKeyFileTest::check).collect(Collectors.toSet());

        assertThat(made.get()).as("trial " + trial + ": starts told they made the key").isEqualTo(1);
        assertThat(checks).as("trial " + trial + ": the keys the starts hold").hasSize(1)
            .containsExactly(ContextKeyFile.load(null, dataDir).check());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A zip file system has no hard links (as some network shares): the key is then moved into place. */
  @Test
  void aFileSystemWithoutHardLinksGetsItsKeyMovedIntoPlaceWholeAndKeepsIt() throws Exception {
    try (FileSystem zip = FileSystems.newFileSystem(dir.resolve("share.zip"), Map.of("create", "true"))) {
      Path dataDir = zip.getPath("/data");
      AtomicInteger made = new AtomicInteger();

      String first = ContextKeyFile.load(null, dataDir, made::incrementAndGet).check();

      assertThat(made.get()).isEqualTo(1);
      try (Stream<Path> files = Files.list(dataDir)) {
        assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
            .containsExactly(ContextKeyFile.FILE_NAME);
      }
      assertThat(Files.readString(dataDir.resolve(ContextKeyFile.FILE_NAME))).matches("[0-9a-f]{64}\n");
      assertThat(ContextKeyFile.load(null, dataDir, made::incrementAndGet).check()).isEqualTo(first);
      assertThat(made.get()).as("the second start read the key").isEqualTo(1);
    }
  }

  private static String check(Future<ContextKeyer> start) {
    try {
      return start.get().check();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
