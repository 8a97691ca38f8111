package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadPipelineTest {

  private static StoreException failure(String what, Exception e) {
    return new StoreException(what + " failed: " + e.getMessage(), e);
  }

  @Test
  void twoLanesWriteTwoBatchesAtOnce() {
    // Each write waits for the other of its pair: with one write at a time, the barrier breaks.
    CyclicBarrier pair = new CyclicBarrier(2);
    List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    try (LoadPipeline pipeline = new LoadPipeline("test-load", 2, LoadPipelineTest::failure)) {
      for (int i = 0; i < 6; i++) {
        int batch = i;
        pipeline.submit("batch " + i, 1, () -> {
          pair.await(10, TimeUnit.SECONDS);
          written.add(batch);
        });
      }
      pipeline.await();
    }
    assertThat(written).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
  }

  @Test
  void aFailedWriteFailsTheAwaitOnceTheOthersAreDone() {
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    try (LoadPipeline pipeline = new LoadPipeline("test-load", 2, LoadPipelineTest::failure)) {
      pipeline.submit("batch 1", 1, () -> {
        throw new IllegalStateException("disk full");
      });
      pipeline.submit("batch 2", 1, () -> written.add("batch 2"));

      assertThatThrownBy(pipeline::await).isInstanceOf(StoreException.class).hasMessage("batch 1 failed: disk full");
      assertThat(written).containsExactly("batch 2");
      pipeline.submit("batch 3", 1, () -> written.add("batch 3"));
    }
    assertThat(written).containsExactly("batch 2", "batch 3");
  }

  @Test
  void aFailedWriteFailsTheSubmitThatWaitsForIt() {
    try (LoadPipeline pipeline = new LoadPipeline("test-load", 1, LoadPipelineTest::failure)) {
      pipeline.submit("batch 1", 1, () -> {
        throw new IllegalStateException("refused");
      });
      assertThatThrownBy(() -> pipeline.submit("batch 2", 1, () -> {}))
          .isInstanceOf(StoreException.class).hasMessage("batch 1 failed: refused");
    }
  }

  @Test
  void closingWaitsForTheWritesThenClosesTheStoreOnceEvenWhenAWriteFailed() {
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    LoadPipeline pipeline = new LoadPipeline("test-load", 2, LoadPipelineTest::failure);
    pipeline.submit("batch 1", 1, () -> {
      throw new IllegalStateException("refused");
    });
    pipeline.submit("batch 2", 1, () -> done.add("batch 2"));

    assertThatThrownBy(() -> pipeline.close(() -> done.add("store closed")))
        .isInstanceOf(StoreException.class).hasMessage("batch 1 failed: refused");
    pipeline.close(() -> done.add("store closed"));
    assertThat(done).containsExactly("batch 2", "store closed");
  }

  @Test
  void aHaltCountsTheRecordsOfTheWritesDoneAndLetsNoLaterOneWrite() {
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    try (LoadPipeline pipeline = new LoadPipeline("test-load", 2, LoadPipelineTest::failure)) {
      pipeline.submit("batch 1", 3, () -> written.add("batch 1"));
      pipeline.submit("batch 2", 4, () -> written.add("batch 2"));
      pipeline.await();

      assertThat(pipeline.halt(30)).isEqualTo(7);
      pipeline.submit("batch 3", 5, () -> written.add("batch 3"));
      assertThatThrownBy(pipeline::await).isInstanceOf(StoreException.class)
          .hasMessage("batch 3 failed: the load was stopped before this write");
    }
    assertThat(written).containsExactlyInAnyOrder("batch 1", "batch 2");
  }

  @Test
  void aHaltThatAWriteUnderWayOutlastsSaysSoAndLetsThatWriteEnd() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    try (LoadPipeline pipeline = new LoadPipeline("test-load", 1, LoadPipelineTest::failure)) {
      pipeline.submit("batch 1", 3, () -> {
        started.countDown();
        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        written.add("batch 1");
      });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(pipeline.halt(0)).as("a commit still under way").isEqualTo(-1);
      release.countDown();
      pipeline.await();
    }
    assertThat(written).containsExactly("batch 1");
  }
}
