package dev.phasekeeper.lifecycle.workers;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets the idle task fetcher sleep until a commit may have created tasks or a lane has room for
 * tasks it had to leave, and tells it which lanes should look. Signals that arrive while it fetches
 * are kept, so it looks again at once; one fetch answers all the signals before it.
 */
@Component
public class WorkerWakeup {

  private static final int MAX_PENDING = 64;

  private final Semaphore pending = new Semaphore(0);
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean everyTopic = new AtomicBoolean();

  /**
   * What woke the fetcher: the time being up or a commit (look at every topic), or lanes with room
   * again (look at theirs).
   */
  record Wakeup(boolean timedOut, boolean everyTopic, Set<String> topics) {

    boolean isDue(String topic) {
      return timedOut || everyTopic || topics.contains(topic);
    }
  }

  /**
   * Wakes the fetcher once the current transaction commits, for code that creates external tasks: a
   * phase change and an ended task do it already. Without a transaction it wakes the fetcher at
   * once (the engine's own command has committed by then).
   */
  public void afterCommit() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      signalAll();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            signalAll();
          }
        });
  }

  /** A lane with tasks it had no room for has room again. */
  void signal(String topic) {
    topics.add(topic);
    release();
  }

  /** Something may have created tasks of any topic. */
  void signalAll() {
    everyTopic.set(true);
    release();
  }

  /** Waits for a signal, or until the time is up (then the fetcher polls every topic). */
  Wakeup await(Duration atMost) throws InterruptedException {
    boolean signalled = pending.tryAcquire(atMost.toNanos(), TimeUnit.NANOSECONDS);
    pending.drainPermits();
    boolean all = everyTopic.getAndSet(false);
    Set<String> woken = new HashSet<>();
    for (String topic : topics) {
      if (topics.remove(topic)) {
        woken.add(topic);
      }
    }
    return new Wakeup(!signalled, all, Set.copyOf(woken));
  }

  private void release() {
    if (pending.availablePermits() < MAX_PENDING) {
      pending.release();
    }
  }
}
