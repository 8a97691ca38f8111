package dev.pulse.server.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackgroundThreadsTest {

  @BeforeEach
  void onLinux() {
    Nice.assumeLinux();
  }

  @Test
  void aBackgroundThreadRunsItsWorkAtTheLowestPriorityAndLeavesItsCreatorsAlone() throws Exception {
    int before = Nice.ofCurrentThread();
    CompletableFuture<Integer> seen = new CompletableFuture<>();

    Thread thread = BackgroundThreads.newThread(() -> seen.complete(Nice.ofCurrentThread()), "pulse-test-background");
    thread.start();

    assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo(BackgroundThreads.NICE);
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("pulse-test-background");
    assertThat(Nice.ofCurrentThread()).as("the creating thread's own priority").isEqualTo(before);
  }

  @Test
  void anExecutorsThreadsFromTheFactoryAreLoweredToo() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();

    BackgroundThreads.factory("pulse-test-factory")
        .newThread(() -> seen.complete(Thread.currentThread().getName() + " " + Nice.ofCurrentThread()))
        .start();

    assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo("pulse-test-factory " + BackgroundThreads.NICE);
  }

  @Test
  void theThreadIdIsTheKernelsIdOfTheCallingThread() throws Exception {
    String self = Files.readString(Path.of("/proc/thread-self/stat"));

    assertThat(self).startsWith(BackgroundThreads.currentThreadId() + " (");
  }
}
