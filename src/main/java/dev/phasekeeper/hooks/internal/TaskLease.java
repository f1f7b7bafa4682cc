package dev.phasekeeper.hooks.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's hold on one locked external task: its lock is extended while the handler works
 * ({@link LockKeeper}), and the extensions stop before the task is completed or failed, so the
 * two never race (an extension in flight would make the completion fail on the task's version).
 */
final class TaskLease {

  private static final Logger log = LoggerFactory.getLogger(TaskLease.class);

  private final ExternalTaskService tasks;
  private final LockedExternalTask task;
  private final String workerId;
  private final Duration lockDuration;
  private final ReentrantLock lock = new ReentrantLock();
  private LockKeeper keeper;
  private long lockedAt;
  private boolean released;

  TaskLease(ExternalTaskService tasks, LockedExternalTask task, String workerId,
      Duration lockDuration) {
    this.tasks = tasks;
    this.task = task;
    this.workerId = workerId;
    this.lockDuration = lockDuration;
  }

  /** Has the keeper renew the task's lock, taken just now, until the lease is released. */
  void keepAlive(LockKeeper keeper) {
    lock.lock();
    try {
      this.keeper = keeper;
      lockedAt = System.nanoTime();
      keeper.hold(this);
    } finally {
      lock.unlock();
    }
  }

  String workerId() {
    return workerId;
  }

  void complete(Map<String, Object> variables) {
    release();
    tasks.complete(task.getId(), workerId, variables);
  }

  void fail(String message, String details, int retries, long retryTimeoutMillis) {
    release();
    tasks.handleFailure(task.getId(), workerId, message, details, retries, retryTimeoutMillis);
  }

  void bpmnError(String errorCode, String message, Map<String, Object> variables) {
    release();
    tasks.handleBpmnError(task.getId(), workerId, errorCode, message, variables);
  }

  /** Unlocks a task that was never started, so any worker may fetch it at once. */
  void giveBack() {
    release();
    try {
      tasks.unlock(task.getId());
    } catch (RuntimeException e) {
      log.warn("HOOKS-007 could not unlock task {}; its lock expires in time: {}", task.getId(),
          e.toString());
    }
  }

  /** Stops the renewals and waits for one that is under way. */
  void release() {
    lock.lock();
    try {
      released = true;
      if (keeper != null) {
        keeper.drop(this);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Extends the lock when it was taken or last extended at least {@code ageNanos} ago. */
  void renewIfOlderThan(long ageNanos, long nowNanos) {
    lock.lock();
    try {
      if (!released && nowNanos - lockedAt >= ageNanos) {
        lockedAt = nowNanos;
        tasks.extendLock(task.getId(), workerId, lockDuration.toMillis());
      }
    } catch (RuntimeException e) {
      log.warn("HOOKS-004 could not extend the lock of task {}: {}", task.getId(), e.toString());
    } finally {
      lock.unlock();
    }
  }
}
