package dev.phasekeeper.lifecycle.workers;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's worker pool: one fetcher locks external tasks (highest priority first) for the lanes,
 * one lane of threads per {@link TaskHandler} topic so slow hooks never hold up a lifecycle, and a
 * {@link TaskLease} keeps each task's lock while it runs. It stops before the web server and the
 * database: no more fetching, unstarted tasks unlocked, running ones given {@code shutdown-grace}
 * to finish and then handed back.
 */
@Component
class ExternalTaskWorkers implements SmartLifecycle {

  /** Stops before the web server's graceful shutdown, so finishing scripts can still call back. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private static final Duration HANDED_BACK_WAIT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(ExternalTaskWorkers.class);

  private final ExternalTaskService tasks;
  private final List<TaskHandler> handlers;
  private final WorkersProperties properties;
  private final WorkerWakeup wakeup;
  private final String workerId;
  private List<Lane> lanes = List.of();
  private Thread fetcher;
  private LockKeeper lockKeeper;
  private volatile boolean running;

  ExternalTaskWorkers(
      ExternalTaskService tasks,
      List<TaskHandler> handlers,
      WorkersProperties properties,
      WorkerWakeup wakeup) {
    this.tasks = tasks;
    this.handlers = List.copyOf(handlers);
    this.properties = properties;
    this.wakeup = wakeup;
    this.workerId =
        ManagementFactory.getRuntimeMXBean().getName()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public synchronized void start() {
    if (properties.threads() < 1) {
      log.info("HOOKS-006 phasekeeper.workers.threads is 0: this node runs no steps or hooks");
      return;
    }
    running = true;
    lockKeeper = new LockKeeper(properties.lockDuration(), r -> daemon(r, "task-lock-keeper"));
    List<Lane> started = new ArrayList<>();
    for (TaskHandler handler : handlers) {
      int threads = handler.threads(properties);
      if (threads > 0) {
        started.add(Lane.start(handler, threads, r -> daemon(r, "task-worker-" + handler.topic())));
        log.info(
            "HOOKS-001 {} workers for topic {} started as {}", threads, handler.topic(), workerId);
      }
    }
    lanes = List.copyOf(started);
    fetcher = daemon(this::fetchLoop, "task-fetcher");
    fetcher.start();
  }

  /**
   * One thread fetches for all lanes, so workers of one node never race each other for the same
   * task. Each wakeup fetches for the lanes it names as many tasks as each has room for; a lane
   * that got all it asked for may have more waiting, and its next free thread wakes the fetcher for
   * it. Between wakeups the fetcher sleeps at most the poll interval, then looks at every lane.
   */
  private void fetchLoop() {
    Set<String> due = topics();
    while (running) {
      try {
        Set<String> again = new HashSet<>();
        for (Lane lane : lanes) {
          String topic = lane.handler().topic();
          boolean lookAgain =
              due.contains(topic)
                  && (lane.room().availablePermits() > 0 ? fetchFor(lane) : lane.noteMoreWaiting());
          if (lookAgain) {
            again.add(topic);
          }
        }
        if (again.isEmpty() && running) {
          WorkerWakeup.Wakeup woken = wakeup.await(properties.pollInterval());
          again = topics().stream().filter(woken::isDue).collect(Collectors.toSet());
        }
        due = again;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Set<String> topics() {
    return lanes.stream().map(lane -> lane.handler().topic()).collect(Collectors.toSet());
  }

  /**
   * @return whether to fetch for the lane again at once (it got all it asked for, and has room)
   */
  private boolean fetchFor(Lane lane) throws InterruptedException {
    int wanted = lane.room().drainPermits();
    List<LockedExternalTask> locked = fetchSafely(lane.handler(), wanted);
    lane.room().release(wanted - locked.size());
    locked.forEach(task -> start(lane, task));
    return locked.size() == wanted && lane.noteMoreWaiting();
  }

  private List<LockedExternalTask> fetchSafely(TaskHandler handler, int maxTasks)
      throws InterruptedException {
    if (!running) {
      return List.of();
    }
    try {
      return tasks
          .fetchAndLock(maxTasks, workerId, true)
          .topic(handler.topic(), properties.lockDuration().toMillis())
          .variables(handler.variables())
          .execute();
    } catch (RuntimeException e) {
      if (running) {
        log.warn("HOOKS-002 fetching tasks failed, trying again: {}", e.toString());
        wakeup.await(properties.pollInterval());
      }
      return List.of();
    }
  }

  private void start(Lane lane, LockedExternalTask task) {
    TaskLease lease = new TaskLease(tasks, task, workerId, properties.lockDuration(), wakeup);
    lease.keepAlive(lockKeeper);
    lane.waiting().put(task.getId(), lease);
    try {
      lane.threads().execute(() -> runAndFree(lane, task, lease));
    } catch (RejectedExecutionException stopped) {
      if (lane.waiting().remove(task.getId()) != null) {
        lease.giveBack();
      }
      lane.room().release();
    }
  }

  private void runAndFree(Lane lane, LockedExternalTask task, TaskLease lease) {
    if (lane.waiting().remove(task.getId()) == null) {
      lane.room().release();
      return; // given back when the workers stopped
    }
    lane.running().put(task.getId(), lease);
    try {
      run(lane.handler(), task, lease);
    } finally {
      lane.running().remove(task.getId());
      lane.room().release();
      if (lane.moreWaiting().getAndSet(false) && running) {
        wakeup.signal(lane.handler().topic());
      }
    }
  }

  private void run(TaskHandler handler, LockedExternalTask task, TaskLease lease) {
    try {
      handler.handle(task, lease);
    } catch (RuntimeException e) {
      if (lease.handedBack()) {
        log.info(
            "HOOKS-009 task {} of topic {} stopped when this node handed it back: {}",
            task.getId(),
            task.getTopicName(),
            e.toString());
        return;
      }
      log.error(
          "HOOKS-003 task {} of topic {} failed in its handler",
          task.getId(),
          task.getTopicName(),
          e);
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
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread thread = new Thread(r, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Stops fetching, unlocks the tasks locked but not started, lets running tasks finish within the
   * grace period and hands back those that do not. Nothing is interrupted: an interrupt in the
   * middle of a JDBC call can close an embedded database under everyone's feet.
   */
  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    wakeup.signalAll();
    join(fetcher);
    lanes.forEach(lane -> lane.threads().shutdown());
    lanes.forEach(Lane::giveBackWaiting);
    int stillRunning = lanes.stream().mapToInt(lane -> lane.running().size()).sum();
    if (stillRunning > 0) {
      log.info(
          "HOOKS-014 stopping: waiting up to {} s for {} running tasks",
          properties.shutdownGrace().toSeconds(),
          stillRunning);
    }
    if (!awaitLanes(properties.shutdownGrace())) {
      int handedBack = lanes.stream().mapToInt(Lane::handBackRunning).sum();
      log.info(
          "HOOKS-015 stopping: handed back {} tasks still running after {} s",
          handedBack,
          properties.shutdownGrace().toSeconds());
      awaitLanes(HANDED_BACK_WAIT);
    }
    lockKeeper.close();
  }

  private boolean awaitLanes(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    try {
      for (Lane lane : lanes) {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!lane.threads().awaitTermination(left, TimeUnit.NANOSECONDS)) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
