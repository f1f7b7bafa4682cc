package dev.phasekeeper.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * External-task workers on the raw engine, written the way any Java-API worker would be: one thread
 * fetches and locks tasks for a pool of threads that complete them. It holds at most twice as many
 * tasks as it has threads; once a fetch fills that room, more are waiting, and it fetches again
 * only when a pool's worth of room is free, so a backlog costs one fetch per batch. With nothing to
 * fetch it polls every {@link #IDLE_POLL_MILLIS} ms. No Phasekeeper code.
 */
final class RawWorkers implements AutoCloseable {

  static final String THREAD_NAME = "bench-raw-worker";
  private static final long IDLE_POLL_MILLIS = 2;

  private final ExternalTaskService tasks;
  private final String topic;
  private final String workerId;
  private final long lockMillis;
  private final int threads;
  private final Consumer<LockedExternalTask> completed;
  private final ExecutorService pool;
  private final Thread fetcher;
  private final Object roomFreed = new Object();
  private final AtomicInteger held = new AtomicInteger();
  private final LongAdder fetches = new LongAdder();
  private volatile boolean running = true;

  /**
   * Starts {@code threads} threads that complete the tasks of {@code topic} without variables, then
   * hand each completed task to {@code completed}.
   */
  RawWorkers(
      ExternalTaskService tasks,
      String topic,
      String workerId,
      long lockMillis,
      int threads,
      Consumer<LockedExternalTask> completed) {
    this.tasks = tasks;
    this.topic = topic;
    this.workerId = workerId;
    this.lockMillis = lockMillis;
    this.threads = threads;
    this.completed = completed;
    this.pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, THREAD_NAME));
    this.fetcher = new Thread(this::fetchLoop, THREAD_NAME + "-fetcher");
    fetcher.start();
  }

  /** How many fetches have run. */
  long fetches() {
    return fetches.sum();
  }

  private void fetchLoop() {
    boolean backlogged = false;
    try {
      while (running) {
        int room = 2 * threads - held.get();
        if (room == 0 || backlogged && room < threads) {
          awaitRoom();
          continue;
        }
        List<LockedExternalTask> locked =
            tasks
                .fetchAndLock(room, workerId, true)
                .topic(topic, lockMillis)
                .variables("step")
                .execute();
        fetches.increment();
        backlogged = locked.size() == room;
        held.addAndGet(locked.size());
        locked.forEach(task -> pool.submit(() -> complete(task)));
        if (locked.isEmpty()) {
          Thread.sleep(IDLE_POLL_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitRoom() throws InterruptedException {
    synchronized (roomFreed) {
      roomFreed.wait(IDLE_POLL_MILLIS);
    }
  }

  private void complete(LockedExternalTask task) {
    try {
      tasks.complete(task.getId(), workerId);
      completed.accept(task);
    } finally {
      held.decrementAndGet();
      synchronized (roomFreed) {
        roomFreed.notifyAll();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    fetcher.interrupt();
    pool.shutdown();
    try {
      fetcher.join(10_000);
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
