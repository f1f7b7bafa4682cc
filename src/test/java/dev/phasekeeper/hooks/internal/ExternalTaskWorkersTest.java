package dev.phasekeeper.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.phasekeeper.hooks.WorkersProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Which thread of a lane runs a task created by the commit of another task of the lane: the
 * thread that committed it, next, unless tasks already wait for a thread, which go first.
 */
@SpringBootTest
class ExternalTaskWorkersTest {

  static final String TOPIC = "two-step-probe";
  static final String PROCESS = TOPIC; // a probe process is keyed by its topic

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ProbeHandler probe;

  @TestConfiguration
  static class ProbeLane {

    @Bean
    ProbeHandler probeHandler() {
      return new ProbeHandler();
    }
  }

  /** Two threads; records each task it runs, and holds those of an instance told to wait. */
  static class ProbeHandler implements TaskHandler {

    record Run(String businessKey, String activity, String thread) {}

    final List<Run> runs = new CopyOnWriteArrayList<>();
    final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

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
      runs.add(new Run(task.getBusinessKey(), task.getActivityId(),
          Thread.currentThread().getName() + "#" + Thread.currentThread().getId()));
      CountDownLatch hold = held.get(task.getBusinessKey());
      try {
        if (hold != null && !hold.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("held too long");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      lease.complete(Map.of());
    }

    List<String> ranOn(String thread) {
      return runs.stream().filter(run -> run.thread().equals(thread))
          .map(run -> run.businessKey() + "/" + run.activity()).toList();
    }

    String threadOf(String businessKey, String activity) {
      return runs.stream()
          .filter(run -> run.businessKey().equals(businessKey) && run.activity().equals(activity))
          .findFirst().orElseThrow().thread();
    }
  }

  @BeforeEach
  void deploy() {
    ProbeProcesses.deployOnce(repository, TOPIC, "one", "two");
  }

  @AfterEach
  void releaseAll() {
    probe.held.values().forEach(CountDownLatch::countDown);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).count() == 0);
    probe.runs.clear();
    probe.held.clear();
  }

  @Test
  void shouldRunTheNextTaskOnTheThreadWhoseCommitCreatedIt() {
    for (String key : List.of("solo-1", "solo-2", "solo-3")) {
      runtime.startProcessInstanceByKey(PROCESS, key);
      await().atMost(Duration.ofSeconds(10)).until(() -> ended(key));

      assertThat(probe.threadOf(key, "two")).as("the thread of %s's first task", key)
          .isEqualTo(probe.threadOf(key, "one"));
    }
  }

  @Test
  void shouldQueueTheNextTaskBehindTasksWaitingForAThread() {
    probe.held.put("busy-1", new CountDownLatch(1));
    probe.held.put("busy-2", new CountDownLatch(1));
    runtime.startProcessInstanceByKey(PROCESS, "busy-1");
    runtime.startProcessInstanceByKey(PROCESS, "busy-2");
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.runs.size() == 2);
    runtime.startProcessInstanceByKey(PROCESS, "waiting"); // both threads busy: it waits

    String first = probe.threadOf("busy-1", "one");
    probe.held.get("busy-1").countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> ended("busy-1") && ended("waiting"));

    assertThat(probe.ranOn(first)).as("the tasks of the thread freed first").containsExactly(
        "busy-1/one", "waiting/one", "busy-1/two", "waiting/two");
  }

  private boolean ended(String businessKey) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .count() == 0;
  }
}
