package dev.phasekeeper.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * A task created on this node goes to the lane of its topic locked in its creating transaction,
 * and runs only once that commits; a rolled-back creation gives the room back; a task no lane
 * has room for is written unlocked, for the fetcher.
 */
@SpringBootTest
class TaskHandoffPluginTest {

  static final String TOPIC = "handoff-probe";
  static final String PROCESS = TOPIC; // a probe process is keyed by its topic
  static final long LOCK_MILLIS = 45_000;

  @Autowired TaskHandoff handoff;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ExternalTaskService tasks;
  @Autowired TransactionTemplate transactions;

  final RecordingLane lane = new RecordingLane();

  @BeforeEach
  void deployAndOpenLane() {
    ProbeProcesses.deployOnce(repository, TOPIC, "Probe");
    handoff.open(TOPIC, lane);
  }

  @AfterEach
  void closeLane() {
    handoff.close(TOPIC);
  }

  @Test
  void shouldWriteANewTaskLockedForTheLaneAndHandItOverOnceCommitted() {
    long before = System.currentTimeMillis();
    String instance = runtime.startProcessInstanceByKey(PROCESS, "probe-1").getId();

    assertThat(lane.accepted).hasSize(1);
    LockedExternalTask handed = lane.accepted.get(0);
    assertThat(handed.getProcessInstanceId()).isEqualTo(instance);
    assertThat(handed.getBusinessKey()).isEqualTo("probe-1");
    assertThat(handed.getTopicName()).isEqualTo(TOPIC);
    assertThat(handed.getVariables()).containsEntry("step", "probe");
    assertThat(lane.committedWhenAccepted.get()).as("the task was in the database").isTrue();

    ExternalTask stored = tasks.createExternalTaskQuery().processInstanceId(instance)
        .singleResult();
    assertThat(stored.getId()).isEqualTo(handed.getId());
    assertThat(stored.getWorkerId()).isEqualTo(RecordingLane.WORKER);
    assertThat(stored.getLockExpirationTime().getTime())
        .isBetween(before + LOCK_MILLIS, System.currentTimeMillis() + LOCK_MILLIS);
    assertThat(tasks.fetchAndLock(5, "someone-else").topic(TOPIC, 1000).execute())
        .as("a task handed over is not fetched by anyone").isEmpty();
    assertThat(lane.cancelled).hasValue(0);

    tasks.unlock(handed.getId());
    LockedExternalTask fetched = tasks.fetchAndLock(1, "compare").topic(TOPIC, 1000)
        .variables("step").execute().get(0);
    assertThat(handed).as("the task as a fetch reads it").usingRecursiveComparison()
        .ignoringFields("workerId", "lockExpirationTime").isEqualTo(fetched);
    tasks.complete(fetched.getId(), "compare");
  }

  @Test
  void shouldGiveTheRoomBackWhenTheCreatingTransactionRollsBack() {
    transactions.executeWithoutResult(status -> {
      runtime.startProcessInstanceByKey(PROCESS, "probe-2");
      status.setRollbackOnly();
    });

    assertThat(lane.accepted).isEmpty();
    assertThat(lane.reserved).hasValue(1);
    assertThat(lane.cancelled).hasValue(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("probe-2").count())
        .isZero();
  }

  @Test
  void shouldLeaveATaskUnlockedForTheFetcherWhenTheLaneIsFull() {
    lane.full = true;
    String instance = runtime.startProcessInstanceByKey(PROCESS, "probe-3").getId();

    assertThat(lane.accepted).isEmpty();
    ExternalTask stored = tasks.createExternalTaskQuery().processInstanceId(instance)
        .singleResult();
    assertThat(stored.getWorkerId()).isNull();
    List<LockedExternalTask> fetched = tasks.fetchAndLock(5, "fetcher").topic(TOPIC, 1000)
        .variables("step").execute();
    assertThat(fetched).extracting(LockedExternalTask::getId).containsExactly(stored.getId());
    tasks.complete(stored.getId(), "fetcher");
  }

  /** A lane that records what it is handed and looks the handed task up as it arrives. */
  class RecordingLane implements TaskHandoff.Lane {

    static final String WORKER = "handoff-test-worker";

    final List<LockedExternalTask> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger reserved = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final AtomicBoolean committedWhenAccepted = new AtomicBoolean();
    volatile boolean full;

    @Override
    public String workerId() {
      return WORKER;
    }

    @Override
    public long lockMillis() {
      return LOCK_MILLIS;
    }

    @Override
    public List<String> variables() {
      return List.of("step");
    }

    @Override
    public boolean reserve() {
      if (full) {
        return false;
      }
      reserved.incrementAndGet();
      return true;
    }

    @Override
    public void cancel() {
      cancelled.incrementAndGet();
    }

    @Override
    public void accept(LockedExternalTask task) {
      // read on another thread, as a worker would: it sees the committed row
      Thread reader = new Thread(() -> committedWhenAccepted.set(
          tasks.createExternalTaskQuery().externalTaskId(task.getId()).count() == 1));
      reader.start();
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      accepted.add(task);
    }
  }
}
