package dev.phasekeeper.lifecycle.workers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads of one topic and the room for its locked tasks: as many as it has threads running
 * plus as many again waiting their turn, so the threads never wait for a fetch while tasks wait.
 *
 * @param moreWaiting whether tasks may wait that the lane had no room for: its next free thread
 *     wakes the fetcher for it
 * @param waiting tasks locked for the lane and not started yet, by task id
 * @param running tasks the lane's threads run, by task id
 */
record Lane(
    TaskHandler handler,
    ThreadPoolExecutor threads,
    Semaphore room,
    AtomicBoolean moreWaiting,
    Map<String, TaskLease> waiting,
    Map<String, TaskLease> running) {

  static Lane start(TaskHandler handler, int threads, ThreadFactory threadFactory) {
    return new Lane(
        handler,
        new ThreadPoolExecutor(
            threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threadFactory),
        new Semaphore(2 * threads),
        new AtomicBoolean(),
        new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>());
  }

  /**
   * Notes that tasks may wait that the lane has no room for.
   *
   * @return whether a thread freed room meanwhile without seeing the note: fetch at once
   */
  boolean noteMoreWaiting() {
    moreWaiting.set(true);
    return room.availablePermits() > 0 && moreWaiting.getAndSet(false);
  }

  /** Unlocks the tasks locked for the lane but never started, for any node to take. */
  void giveBackWaiting() {
    for (String taskId : List.copyOf(waiting.keySet())) {
      TaskLease lease = waiting.remove(taskId);
      if (lease != null) {
        lease.giveBack();
      }
    }
  }

  /**
   * @return how many running tasks were handed back: unlocked, their scripts told to stop
   */
  int handBackRunning() {
    List<TaskLease> leases = List.copyOf(running.values());
    leases.forEach(TaskLease::handBack);
    return leases.size();
  }
}
