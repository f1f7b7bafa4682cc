package dev.phasekeeper.lifecycle.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A pool of its own on the probe topic (the application's pool has no lane for it): woken by
 * commits rather than its poll, bounded by its threads, and stopping without losing a task.
 */
@SpringBootTest
class ExternalTaskWorkersTest {

  static final String TOPIC = "two-step-probe";
  static final String PROCESS = TOPIC; // a probe process is keyed by its topic
  static final Duration NO_POLL = Duration.ofMinutes(5);

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ExternalTaskService tasks;
  @Autowired TransactionTemplate transactions;

  final WorkerWakeup wakeup = new WorkerWakeup();
  final ProbeHandler probe = new ProbeHandler();
  ExternalTaskWorkers workers;

  /** Two threads; counts the tasks it runs at once, and holds them while told to. */
  class ProbeHandler implements TaskHandler {

    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    volatile CountDownLatch hold = new CountDownLatch(0);

    @Override
    public String topic() {
      return TOPIC;
    }

    @Override
    public int threads(WorkersProperties workers) {
      return 2;
    }

    @Override
    public List<String> variables() {
      return List.of();
    }

    @Override
    public void handle(LockedExternalTask task, TaskLease lease) {
      started.incrementAndGet();
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        while (!hold.await(50, TimeUnit.MILLISECONDS)) {
          if (lease.handedBack()) {
            throw new IllegalStateException("handed back");
          }
        }
        lease.complete(Map.of());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @BeforeEach
  void deploy() {
    ProbeProcesses.deployOnce(repository, TOPIC, "one", "two");
  }

  @AfterEach
  void stopAndClean() {
    probe.hold.countDown();
    if (workers != null) {
      workers.stop();
    }
    runtime
        .createProcessInstanceQuery()
        .processDefinitionKey(PROCESS)
        .list()
        .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
  }

  @Test
  void shouldRunTasksCreatedByACommitAndByTheirCompletionWithoutWaitingForThePoll() {
    startWorkers(Duration.ofSeconds(10));
    for (String key : List.of("woken-1", "woken-2", "woken-3")) {
      startInstance(key);

      await("both tasks of " + key + ", long before a poll")
          .atMost(Duration.ofSeconds(5))
          .until(() -> ended(key));
    }
  }

  @Test
  void shouldRunAtMostItsThreadsAndLockAsManyAgainWaitingTheirTurn() {
    probe.hold = new CountDownLatch(1);
    startWorkers(Duration.ofSeconds(10));
    for (int i = 0; i < 6; i++) {
      startInstance("bounded-" + i);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> lockedTasks() == 4);
    await("no more than four are locked")
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> lockedTasks() == 4);
    assertThat(probe.mostAtOnce).hasValue(2);

    probe.hold.countDown();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).count() == 0);
    assertThat(probe.mostAtOnce).hasValue(2);
  }

  @Test
  void shouldLetARunningTaskFinishWithinTheGraceWhenStopping() {
    probe.hold = new CountDownLatch(1);
    startWorkers(Duration.ofSeconds(10));
    startInstance("finishing");
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.running.get() == 1);

    CompletableFuture.runAsync(
        probe.hold::countDown, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
    workers.stop();

    ExternalTask next = tasks.createExternalTaskQuery().topicName(TOPIC).singleResult();
    assertThat(next.getActivityId()).as("the first task completed").isEqualTo("two");
    assertThat(next.getWorkerId()).as("the task its completion created waits for anyone").isNull();
  }

  @Test
  void shouldUnlockTasksNotStartedAndHandBackRunningOnesAfterTheGrace() {
    probe.hold = new CountDownLatch(1);
    startWorkers(Duration.ofSeconds(1));
    for (int i = 0; i < 3; i++) {
      startInstance("handed-back-" + i);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> lockedTasks() == 3);
    assertThat(probe.running).hasValue(2);

    long before = System.nanoTime();
    workers.stop();
    Duration took = Duration.ofNanos(System.nanoTime() - before);

    assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(8));
    assertThat(probe.started).as("the waiting task never started").hasValue(2);
    assertThat(tasks.createExternalTaskQuery().topicName(TOPIC).list())
        .hasSize(3)
        .allSatisfy(
            task -> {
              assertThat(task.getActivityId()).isEqualTo("one");
              assertThat(task.getWorkerId()).as("unlocked").isNull();
              assertThat(task.getRetries()).as("not counted as a failure").isNull();
              assertThat(task.getErrorMessage()).isNull();
            });
  }

  private void startWorkers(Duration shutdownGrace) {
    WorkersProperties properties =
        new WorkersProperties(2, 0, Duration.ofSeconds(30), NO_POLL, shutdownGrace);
    workers = new ExternalTaskWorkers(tasks, List.of(probe), properties, wakeup);
    workers.start();
  }

  /** Starts a probe instance as code that creates tasks does: waking the workers on commit. */
  private void startInstance(String businessKey) {
    transactions.executeWithoutResult(
        status -> {
          runtime.startProcessInstanceByKey(PROCESS, businessKey);
          wakeup.afterCommit();
        });
  }

  private long lockedTasks() {
    return tasks.createExternalTaskQuery().topicName(TOPIC).locked().count();
  }

  private boolean ended(String businessKey) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()
        == 0;
  }
}
