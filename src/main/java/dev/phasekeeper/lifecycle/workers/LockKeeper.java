package dev.phasekeeper.lifecycle.workers;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the locks of the tasks this node holds with one sweep every sixth of the lock duration,
 * which extends each lock of which a third has gone, so a lock is renewed with at least half of it
 * left and joining or leaving the sweep wakes nobody.
 */
final class LockKeeper implements AutoCloseable {

  private final Set<TaskLease> held = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sweeps;
  private final long renewAfterNanos;

  LockKeeper(Duration lockDuration, ThreadFactory thread) {
    this.renewAfterNanos = lockDuration.toNanos() / 3;
    long every = Math.max(100, lockDuration.toMillis() / 6);
    this.sweeps = Executors.newSingleThreadScheduledExecutor(thread);
    sweeps.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  void hold(TaskLease lease) {
    held.add(lease);
  }

  void drop(TaskLease lease) {
    held.remove(lease);
  }

  private void sweep() {
    long now = System.nanoTime();
    held.forEach(lease -> lease.renewIfOlderThan(renewAfterNanos, now));
  }

  /** Stops the sweeps, letting one under way finish (an interrupt could break its JDBC call). */
  @Override
  public void close() {
    sweeps.shutdown();
    try {
      sweeps.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
