package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.hooks.WorkersProperties;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The in-process worker pool. Each topic has its own lane of threads (steps:
 * {@code phasekeeper.workers.threads}, hooks: {@code hook-threads}), so slow hook scripts never
 * hold up a lifecycle, and room for twice its threads in locked tasks. A task created on this
 * node is locked for its lane in the transaction that creates it and runs once that commits
 * ({@link TaskHandoffPlugin}): next on the committing thread when that is a thread of the lane
 * and no task waits for one ({@link Lane#keepForThisThread}), else on another. One fetcher
 * locks the others (created by other nodes, created while the lane was full, failed and due
 * again, or left by a crash) for the worker threads, see {@link #fetchLoop()}. The fetcher
 * sleeps until woken by a commit with a task for it, a worker freed in a lane with more work
 * waiting, or the poll interval. The lock of a task is extended from its fetch or handoff until
 * its handler returns, so only a crash lets it expire; tasks locked but not started when the
 * node stops are unlocked.
 */
@Component
class ExternalTaskWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ExternalTaskWorkers.class);

  private final ExternalTaskService tasks;
  private final List<TaskHandler> handlers;
  private final WorkersProperties properties;
  private final WorkerWakeup wakeup;
  private final TaskHandoff handoff;
  private final String workerId;
  private List<Lane> lanes = List.of();
  private Thread fetcher;
  private LockKeeper lockKeeper;
  private volatile boolean running;

  /**
   * The threads of one topic and the room for its locked tasks: as many as it has threads
   * running plus as many again waiting their turn, so a backlog is fetched a batch at a time.
   */
  private record Lane(TaskHandler handler, int size, ThreadPoolExecutor threads, Semaphore room,
      AtomicBoolean backlogged, AtomicBoolean missed, Map<String, TaskLease> waiting,
      ThreadLocal<WorkerThread> workerThread) {

    /**
     * Keeps a task created by the commit of the task this thread runs, to run it next, unless
     * the thread already keeps one or tasks wait for a thread of the lane (they go first): no
     * other thread is woken, and the next step of a lifecycle runs where the last one ran.
     */
    boolean keepForThisThread(LockedExternalTask task, TaskLease lease) {
      WorkerThread thread = workerThread.get();
      if (!thread.running || thread.next != null || !threads.getQueue().isEmpty()) {
        return false;
      }
      thread.next = new Locked(task, lease);
      return true;
    }

    /** With a backlog, the lane fetches again once a batch of this many has room. */
    int batch() {
      return size;
    }

    /** Whether to fetch now: with room, and with a backlog only once a batch has room. */
    boolean wantsTasks() {
      int free = room.availablePermits();
      return free > 0 && (!backlogged.get() || free >= batch());
    }

    /**
     * Notes a wakeup the lane had no room for, so that its next free thread wakes the fetcher
     * again (with a backlog, the batch rule does that).
     * @return whether a thread freed room meanwhile without seeing the note: fetch at once
     */
    boolean noteWokenWhileFull() {
      if (backlogged.get()) {
        return false;
      }
      missed.set(true);
      return room.availablePermits() > 0 && missed.getAndSet(false);
    }

    /**
     * Takes room for a task handed over at its creation, unless tasks the lane had no room for
     * wait to be fetched: those go first. Without room, it notes the miss, so the lane's next
     * free thread wakes the fetcher (the task's commit wakes it too).
     */
    boolean reserveForHandoff() {
      if (backlogged.get() || missed.get()) {
        return false;
      }
      if (room.tryAcquire()) {
        return true;
      }
      missed.set(true);
      return false;
    }

    /** Whether a task just freed room that the fetcher should use. */
    boolean freedRoomToFill() {
      return missed.getAndSet(false) || backlogged.get() && room.availablePermits() >= batch();
    }
  }

  /** A task locked for a lane and this node's hold on it. */
  private record Locked(LockedExternalTask task, TaskLease lease) {}

  /** What a thread of a lane is doing: whether it runs a task, and the one it keeps for next. */
  private static final class WorkerThread {
    private boolean running;
    private Locked next;

    Locked takeNext() {
      Locked taken = next;
      next = null;
      return taken;
    }
  }

  ExternalTaskWorkers(ExternalTaskService tasks, List<TaskHandler> handlers,
      WorkersProperties properties, WorkerWakeup wakeup, TaskHandoff handoff) {
    this.tasks = tasks;
    this.handlers = List.copyOf(handlers);
    this.properties = properties;
    this.wakeup = wakeup;
    this.handoff = handoff;
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
    lockKeeper = new LockKeeper(properties.lockDuration(), r -> daemon(r, "task-lock-keeper"));
    List<Lane> started = new ArrayList<>();
    for (TaskHandler handler : handlers) {
      int threads = handler.threads(properties);
      if (threads > 0) {
        started.add(new Lane(handler, threads, new ThreadPoolExecutor(threads, threads, 0,
            TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            r -> daemon(r, "task-worker-" + handler.topic())), new Semaphore(2 * threads),
            new AtomicBoolean(), new AtomicBoolean(), new ConcurrentHashMap<>(),
            ThreadLocal.withInitial(WorkerThread::new)));
        log.info("HOOKS-001 {} workers for topic {} started as {}", threads, handler.topic(),
            workerId);
      }
    }
    lanes = List.copyOf(started);
    lanes.forEach(lane -> handoff.open(lane.handler().topic(), handoffLane(lane)));
    fetcher = daemon(this::fetchLoop, "task-fetcher");
    fetcher.start();
  }

  /**
   * One thread fetches for all workers, so workers of one node never race each other for the
   * same task. Each lane holds at most twice its threads in locked tasks: those running and those
   * next in line. While new tasks trickle in, every wakeup fetches what has room, so a task starts
   * at once. When a fetch filled all the room, more are waiting: the lane then fetches again only
   * when a batch of its size has room (a worker freeing that much wakes the fetcher), so a backlog
   * costs one fetch per batch rather than one per task, and the queued tasks keep the threads busy
   * meanwhile. When no lane fetched, the fetcher sleeps until a commit signals new tasks of a
   * topic (then only that topic's lane fetches) or the poll interval (tasks of other nodes, or
   * left by a crash) has passed (then every lane does).
   */
  private void fetchLoop() {
    Set<String> due = topics();
    while (running) {
      try {
        Set<String> again = new HashSet<>();
        for (Lane lane : lanes) {
          if (!due.contains(lane.handler().topic())) {
            continue;
          }
          boolean lookAgain = lane.wantsTasks() ? fetchFor(lane) : lane.noteWokenWhileFull();
          if (lookAgain) {
            again.add(lane.handler().topic());
          }
        }
        if (again.isEmpty()) {
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

  /** @return whether the fetch filled the lane's room, so more tasks are waiting */
  private boolean fetchFor(Lane lane) throws InterruptedException {
    int wanted = lane.room().drainPermits();
    List<LockedExternalTask> locked = fetchSafely(lane.handler(), wanted);
    lane.room().release(wanted - locked.size());
    boolean full = locked.size() == wanted;
    lane.backlogged().set(full);
    locked.forEach(task -> start(lane, task));
    return full && lane.wantsTasks();
  }

  /**
   * Runs a task locked for the lane, in room the lane holds for it: next on this thread when
   * the commit of this thread's task of the same lane created it (see
   * {@link Lane#keepForThisThread}), else on a thread of the lane.
   */
  private void start(Lane lane, LockedExternalTask task) {
    TaskLease lease = new TaskLease(tasks, task, workerId, properties.lockDuration());
    lease.keepAlive(lockKeeper);
    lane.waiting().put(task.getId(), lease);
    if (!lane.keepForThisThread(task, lease)) {
      submit(lane, new Locked(task, lease));
    }
  }

  private void submit(Lane lane, Locked locked) {
    try {
      lane.threads().execute(() -> runFrom(lane, locked));
    } catch (RejectedExecutionException stopped) {
      // the workers stopped meanwhile: the task's lock expires and any node fetches it then
      locked.lease().release();
      lane.waiting().remove(locked.task().getId());
      lane.room().release();
    }
  }

  /** Runs the task, then each one this thread kept for next. */
  private void runFrom(Lane lane, Locked first) {
    WorkerThread thread = lane.workerThread().get();
    thread.running = true;
    try {
      for (Locked next = first; next != null; next = thread.takeNext()) {
        runAndFree(lane, next.task(), next.lease());
      }
    } finally {
      thread.running = false;
      Locked kept = thread.takeNext(); // only when a task ended the loop with an error
      if (kept != null) {
        submit(lane, kept);
      }
    }
  }

  /** The lane as {@link TaskHandoffPlugin} hands it the tasks created on this node. */
  private TaskHandoff.Lane handoffLane(Lane lane) {
    return new TaskHandoff.Lane() {
      @Override
      public String workerId() {
        return workerId;
      }

      @Override
      public long lockMillis() {
        return properties.lockDuration().toMillis();
      }

      @Override
      public List<String> variables() {
        return lane.handler().variables();
      }

      @Override
      public boolean reserve() {
        return running && lane.reserveForHandoff();
      }

      @Override
      public void cancel() {
        lane.room().release();
      }

      @Override
      public void accept(LockedExternalTask task) {
        start(lane, task);
      }
    };
  }

  private List<LockedExternalTask> fetchSafely(TaskHandler handler, int maxTasks)
      throws InterruptedException {
    try {
      return tasks.fetchAndLock(maxTasks, workerId, true)
          .topic(handler.topic(), properties.lockDuration().toMillis())
          .variables(handler.variables())
          .execute();
    } catch (RuntimeException e) {
      if (running) {
        log.warn("HOOKS-002 fetching tasks failed, trying again: {}", e.toString());
        Thread.sleep(properties.pollInterval().toMillis());
      }
      return List.of();
    }
  }

  private void runAndFree(Lane lane, LockedExternalTask task, TaskLease lease) {
    if (lane.waiting().remove(task.getId()) == null) {
      return; // given back when the workers stopped
    }
    try {
      run(lane.handler(), task, lease);
    } finally {
      lane.room().release();
      if (lane.freedRoomToFill()) {
        wakeup.signal(lane.handler().topic());
      }
    }
  }

  private void run(TaskHandler handler, LockedExternalTask task, TaskLease lease) {
    try {
      handler.handle(task, lease);
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
    lanes.forEach(lane -> handoff.close(lane.handler().topic()));
    if (fetcher != null) {
      fetcher.interrupt();
    }
    lanes.forEach(lane -> lane.threads().shutdownNow());
    lanes.forEach(this::giveBackWaiting);
    if (lockKeeper != null) {
      lockKeeper.close();
    }
    try {
      for (Lane lane : lanes) {
        lane.threads().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Unlocks the tasks that were locked for the lane but never started, for any node to take. */
  private void giveBackWaiting(Lane lane) {
    for (String taskId : List.copyOf(lane.waiting().keySet())) {
      TaskLease lease = lane.waiting().remove(taskId);
      if (lease != null) {
        lease.giveBack();
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
