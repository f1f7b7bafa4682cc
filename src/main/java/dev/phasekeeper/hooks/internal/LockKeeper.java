package dev.phasekeeper.hooks.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the locks of the tasks this node holds: one sweep every sixth of the lock duration
 * extends each lock of which a third has gone, so a lock is renewed with at least half of it
 * left. A lease joins when its task is locked for this node and leaves when it is released, and
 * neither wakes anyone: a timer per task did, since scheduling one on the keeper's empty queue
 * woke the keeper's thread, on the thread that committed the task, once per task.
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

  @Override
  public void close() {
    sweeps.shutdownNow();
  }
}
