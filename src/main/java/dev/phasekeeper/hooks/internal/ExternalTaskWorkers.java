package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.WorkersProperties;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The in-process worker pool: each thread fetches and locks one external task at a time (steps
 * and hooks alike), runs it, and sleeps until woken by a commit or the poll interval. The lock of
 * a running task is extended until its handler returns, so only a crash lets it expire.
 */
@Component
class ExternalTaskWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ExternalTaskWorkers.class);

  private final ExternalTaskService tasks;
  private final Map<String, TaskHandler> handlers;
  private final WorkersProperties properties;
  private final WorkerWakeup wakeup;
  private final String workerId;
  private ExecutorService threads;
  private ScheduledExecutorService lockKeeper;
  private volatile boolean running;

  ExternalTaskWorkers(ExternalTaskService tasks, List<TaskHandler> handlers,
      WorkersProperties properties, WorkerWakeup wakeup) {
    this.tasks = tasks;
    this.handlers = handlers.stream()
        .collect(Collectors.toMap(TaskHandler::topic, Function.identity()));
    this.properties = properties;
    this.wakeup = wakeup;
    this.workerId = ManagementFactory.getRuntimeMXBean().getName() + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  String workerId() {
    return workerId;
  }

  @Override
  public synchronized void start() {
    if (properties.threads() < 1) {
      log.info("HOOKS-006 phasekeeper.workers.threads is 0: this node runs no steps or hooks");
      return;
    }
    running = true;
    lockKeeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "task-lock-keeper"));
    threads = Executors.newFixedThreadPool(properties.threads(), r -> daemon(r, "task-worker"));
    for (int i = 0; i < properties.threads(); i++) {
      threads.submit(this::work);
    }
    log.info("HOOKS-001 {} task workers started as {}", properties.threads(), workerId);
  }

  /**
   * One fetch per signalled task while this node creates the work; after a quiet poll interval
   * (work from other nodes, or left by a crash), drain what there is before waiting again.
   */
  private void work() {
    boolean draining = true;
    while (running) {
      try {
        if (!draining) {
          draining = !wakeup.await(properties.pollInterval());
        }
        List<LockedExternalTask> locked = fetch();
        if (locked.isEmpty()) {
          draining = false;
        } else {
          locked.forEach(this::run);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          log.warn("HOOKS-002 fetching tasks failed, trying again: {}", e.toString());
          pause();
        }
      }
    }
  }

  private List<LockedExternalTask> fetch() {
    ExternalTaskQueryBuilder query = tasks.fetchAndLock(1, workerId, true);
    long lockMillis = properties.lockDuration().toMillis();
    for (TaskHandler handler : handlers.values()) {
      query = query.topic(handler.topic(), lockMillis).variables(handler.variables());
    }
    return query.execute();
  }

  private void run(LockedExternalTask task) {
    TaskLease lease = new TaskLease(tasks, task, workerId, properties.lockDuration());
    lease.keepAlive(lockKeeper);
    try {
      handlers.get(task.getTopicName()).handle(task, lease);
    } catch (RuntimeException e) {
      log.error("HOOKS-003 task {} of topic {} failed in its handler", task.getId(),
          task.getTopicName(), e);
      reportFailure(task, lease, e);
    } finally {
      lease.release();
    }
  }

  private void reportFailure(LockedExternalTask task, TaskLease lease, RuntimeException e) {
    try {
      int retries = task.getRetries() == null ? 0 : Math.max(0, task.getRetries() - 1);
      lease.fail(e.toString(), stackTrace(e), retries, 5000);
    } catch (RuntimeException reported) {
      log.error("HOOKS-005 could not report the failure of task {}", task.getId(), reported);
    }
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  private void pause() {
    try {
      Thread.sleep(properties.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread thread = new Thread(r, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (threads != null) {
      threads.shutdownNow();
      lockKeeper.shutdownNow();
      try {
        threads.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return 100;
  }
}
