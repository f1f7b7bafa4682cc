package dev.phasekeeper.hooks.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Lets idle workers sleep until a transaction that created an external task has committed. Each
 * new task wakes one worker, not all of them: a herd of workers racing for one task costs a fetch
 * each and wins nothing. A wake-up that comes while every worker is busy is kept (up to a few),
 * so the next worker to finish looks again at once.
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
    return pending.tryAcquire(atMost.toNanos(), TimeUnit.NANOSECONDS);
  }
}
