package dev.phasekeeper.hooks.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Lets the idle task fetcher sleep until a transaction has committed external tasks that no lane
 * took at their creation ({@link TaskHandoffPlugin}), or a lane has room for tasks it had to
 * leave, and tells it which topics these are, so it fetches for those lanes only.
 * Signals that arrive while it fetches are kept, so it looks again at once; one fetch answers
 * all the signals of its topic that came before it.
 */
@Component
class WorkerWakeup {

  private static final int MAX_PENDING = 64;

  private final Semaphore pending = new Semaphore(0);
  private final Set<String> topics = ConcurrentHashMap.newKeySet();

  /** What woke the fetcher: the topics with new tasks, or the time being up (look at all). */
  record Wakeup(boolean timedOut, Set<String> topics) {

    boolean isDue(String topic) {
      return timedOut || topics.contains(topic);
    }
  }

  /** A task of the topic was created and committed, or a lane with a backlog has room. */
  void signal(String topic) {
    topics.add(topic);
    if (pending.availablePermits() < MAX_PENDING) {
      pending.release();
    }
  }

  /** Waits for a signal, or until the time is up (then the fetcher polls every topic). */
  Wakeup await(Duration atMost) throws InterruptedException {
    boolean signalled = pending.tryAcquire(atMost.toNanos(), TimeUnit.NANOSECONDS);
    pending.drainPermits();
    Set<String> woken = new HashSet<>();
    for (String topic : topics) {
      if (topics.remove(topic)) {
        woken.add(topic);
      }
    }
    return new Wakeup(!signalled, Set.copyOf(woken));
  }
}
