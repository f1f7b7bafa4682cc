package dev.phasekeeper.lifecycle.workers;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's hold on one locked external task, through which its handler ends it: the lock is
 * extended while the handler works ({@link LockKeeper}), and the extensions stop before the task is
 * completed or failed, so the two never race (an extension in flight would make the completion fail
 * on the task's version).
 */
public final class TaskLease {

  private static final Logger log = LoggerFactory.getLogger(TaskLease.class);

  private final ExternalTaskService tasks;
  private final LockedExternalTask task;
  private final String workerId;
  private final Duration lockDuration;
  private final WorkerWakeup wakeup;
  private final ReentrantLock lock = new ReentrantLock();
  private LockKeeper keeper;
  private long lockedAt;
  private boolean released;
  private volatile boolean handedBack;

  TaskLease(
      ExternalTaskService tasks,
      LockedExternalTask task,
      String workerId,
      Duration lockDuration,
      WorkerWakeup wakeup) {
    this.tasks = tasks;
    this.task = task;
    this.workerId = workerId;
    this.lockDuration = lockDuration;
    this.wakeup = wakeup;
  }

  /** Completes the task; the workers look for the tasks its completion creates once it commits. */
  public void complete(Map<String, Object> variables) {
    if (endable("complete")) {
      tasks.complete(task.getId(), workerId, variables);
      wakeup.afterCommit();
    }
  }

  /**
   * Reports a technical failure: retried after the timeout while retries are left, else an
   * incident.
   */
  public void fail(String message, String details, int retries, long retryTimeoutMillis) {
    if (endable("fail")) {
      tasks.handleFailure(task.getId(), workerId, message, details, retries, retryTimeoutMillis);
    }
  }

  /** Reports a business outcome the process handles with an error boundary event. */
  public void bpmnError(String errorCode, String message, Map<String, Object> variables) {
    if (endable("end with a BPMN error")) {
      tasks.handleBpmnError(task.getId(), workerId, errorCode, message, variables);
      wakeup.afterCommit();
    }
  }

  /**
   * Whether this node gave the task up while it ran (it stops): the handler should stop its work,
   * which runs again elsewhere; whatever it reports through this lease is ignored.
   */
  public boolean handedBack() {
    return handedBack;
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

  /** Unlocks a task that was never started, so any worker may fetch it at once. */
  void giveBack() {
    release();
    unlock();
  }

  /** Gives up a task whose handler still runs: unlocked for any worker, its outcome ignored. */
  void handBack() {
    handedBack = true;
    giveBack();
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

  private boolean endable(String what) {
    release();
    if (handedBack) {
      log.info(
          "HOOKS-009 task {} of topic {} was handed back when this node stopped: its handler"
              + " could not {} it",
          task.getId(),
          task.getTopicName(),
          what);
      return false;
    }
    return true;
  }

  private void unlock() {
    try {
      tasks.unlock(task.getId());
    } catch (RuntimeException e) {
      log.warn(
          "HOOKS-007 could not unlock task {}; its lock expires in time: {}",
          task.getId(),
          e.toString());
    }
  }
}
