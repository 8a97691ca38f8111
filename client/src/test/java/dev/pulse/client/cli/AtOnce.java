package dev.pulse.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs of a CLI started at the same moment, each on its own thread, as separate processes would be. */
final class AtOnce {

  private AtOnce() {}

  /** Starts {@code runs} runs made by {@code run} (given each its number) together; their results, in order. */
  static <T> List<T> run(int runs, IntFunction<Callable<T>> run) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(runs);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> started = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Callable<T> one = run.apply(i);
        started.add(threads.submit(() -> {
          start.await();
          return one.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> each : started) {
        results.add(each.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }
}
