package dev.phasekeeper.hooks.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/** Lets idle workers sleep until a transaction that created external tasks has committed. */
@Component
class WorkerWakeup {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signalled = lock.newCondition();
  private long generation;

  void signal() {
    lock.lock();
    try {
      generation++;
      signalled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@link #signal()} is called after {@code seen} was read, or the time is up. */
  void awaitAfter(long seen, Duration atMost) throws InterruptedException {
    long nanos = atMost.toNanos();
    lock.lock();
    try {
      while (generation == seen && nanos > 0) {
        nanos = signalled.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }
}
