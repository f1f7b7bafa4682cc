package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.WorkersProperties;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
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
 * The in-process worker pool: one fetcher locks external tasks (steps and hooks alike) for the
 * idle worker threads, which run them. The fetcher sleeps until woken by a commit or the poll
 * interval. The lock of a running task is extended until its handler returns, so only a crash
 * lets it expire.
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
  private Thread fetcher;
  private Semaphore idle;
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
    idle = new Semaphore(properties.threads());
    lockKeeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "task-lock-keeper"));
    threads = Executors.newFixedThreadPool(properties.threads(), r -> daemon(r, "task-worker"));
    fetcher = daemon(this::fetchLoop, "task-fetcher");
    fetcher.start();
    log.info("HOOKS-001 {} task workers started as {}", properties.threads(), workerId);
  }

  /**
   * One thread fetches for all workers, as many tasks as there are idle workers, so workers of
   * one node never race each other for the same task. A fetch that fills every idle worker is
   * followed by another at once (there may be more); a fetch that came back short means the
   * backlog is empty, so the fetcher sleeps until a commit signals new tasks or the poll
   * interval (tasks of other nodes, or left by a crash) has passed.
   */
  private void fetchLoop() {
    while (running) {
      try {
        idle.acquire();
        int wanted = 1 + idle.drainPermits();
        List<LockedExternalTask> locked = fetchSafely(wanted);
        idle.release(wanted - locked.size());
        for (LockedExternalTask task : locked) {
          threads.submit(() -> runAndFree(task));
        }
        if (locked.size() < wanted) {
          wakeup.await(properties.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<LockedExternalTask> fetchSafely(int maxTasks) throws InterruptedException {
    try {
      return fetch(maxTasks);
    } catch (RuntimeException e) {
      if (running) {
        log.warn("HOOKS-002 fetching tasks failed, trying again: {}", e.toString());
        Thread.sleep(properties.pollInterval().toMillis());
      }
      return List.of();
    }
  }

  private List<LockedExternalTask> fetch(int maxTasks) {
    ExternalTaskQueryBuilder query = tasks.fetchAndLock(maxTasks, workerId, true);
    long lockMillis = properties.lockDuration().toMillis();
    for (TaskHandler handler : handlers.values()) {
      query = query.topic(handler.topic(), lockMillis).variables(handler.variables());
    }
    return query.execute();
  }

  private void runAndFree(LockedExternalTask task) {
    try {
      run(task);
    } finally {
      idle.release();
    }
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


  private static Thread daemon(Runnable r, String name) {
    Thread thread = new Thread(r, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (fetcher != null) {
      fetcher.interrupt();
    }
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
