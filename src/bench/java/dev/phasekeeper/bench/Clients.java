package dev.phasekeeper.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed number of concurrent clients working through numbered items: each client takes the next
 * item as soon as it is done with its last one (a closed loop), so exactly that many items are in
 * hand at any time.
 */
final class Clients {

  private Clients() {}

  /**
   * Runs {@code work} once for each item 0..items-1 on {@code clients} threads and returns how long
   * each item took, in nanoseconds; the first failure fails the whole run.
   */
  static long[] run(int clients, int items, IntConsumer work) {
    long[] nanos = new long[items];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            clients, r -> new Thread(r, "bench-client-" + threadNumber.incrementAndGet()));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            threads.submit(
                () -> {
                  try {
                    for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                      long start = System.nanoTime();
                      work.accept(i);
                      nanos[i] = System.nanoTime() - start;
                    }
                  } finally {
                    CpuMeter.ENDED_CLIENTS.add(CpuMeter.THREADS.getCurrentThreadCpuTime());
                  }
                }));
      }
      for (Future<?> client : running) {
        await(client);
      }
      return nanos;
    } finally {
      threads.shutdownNow();
    }
  }

  private static void await(Future<?> client) {
    try {
      client.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a client failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
