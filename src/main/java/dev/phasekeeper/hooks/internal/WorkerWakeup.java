package dev.phasekeeper.hooks.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Lets the idle task fetcher sleep until a transaction that created external tasks has
 * committed. Signals that arrive while it fetches are kept, so it looks again at once; one fetch
 * answers all the signals that came before it.
 */
@Component
class WorkerWakeup {

  private static final int MAX_PENDING = 64;

  private final Semaphore pending = new Semaphore(0);

  /** One task was created and committed. */
  void signal() {
    if (pending.availablePermits() < MAX_PENDING) {
      pending.release();
    }
  }

  /**
   * Waits for a task to be signalled, or until the time is up (then the worker polls).
   *
   * @return whether a task was signalled
   */
  boolean await(Duration atMost) throws InterruptedException {
    boolean signalled = pending.tryAcquire(atMost.toNanos(), TimeUnit.NANOSECONDS);
    pending.drainPermits();
    return signalled;
  }
}
