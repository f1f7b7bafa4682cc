package dev.phasekeeper.lifecycle.workers;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A held task's lock outlives its duration until the lease is released, then expires. */
@SpringBootTest
class LockKeeperTest {

  static final String TOPIC = "lock-keeper-probe";
  static final String PROCESS = TOPIC; // a probe process is keyed by its topic
  static final Duration LOCK = Duration.ofMillis(1200);

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ExternalTaskService tasks;

  LockKeeper keeper;

  @BeforeEach
  void deployAndStartAKeeper() {
    ProbeProcesses.deployOnce(repository, TOPIC, "Probe");
    keeper = new LockKeeper(LOCK, r -> new Thread(r, "test-lock-keeper"));
  }

  @AfterEach
  void stopTheKeeper() {
    keeper.close();
  }

  @Test
  void shouldRenewTheLockWhileTheLeaseIsHeld() {
    runtime.startProcessInstanceByKey(PROCESS, "kept");
    LockedExternalTask task =
        tasks.fetchAndLock(1, "holder").topic(TOPIC, LOCK.toMillis()).execute().get(0);
    TaskLease lease = new TaskLease(tasks, task, "holder", LOCK, new WorkerWakeup());
    lease.keepAlive(keeper);

    await("locked for its holder through three lock durations")
        .during(LOCK.multipliedBy(3))
        .atMost(LOCK.multipliedBy(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                tasks
                    .fetchAndLock(1, "someone-else")
                    .topic(TOPIC, LOCK.toMillis())
                    .execute()
                    .isEmpty());

    lease.release();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !tasks
                    .fetchAndLock(1, "someone-else")
                    .topic(TOPIC, LOCK.toMillis())
                    .execute()
                    .isEmpty());
    tasks.complete(task.getId(), "someone-else", Map.of());
  }
}
