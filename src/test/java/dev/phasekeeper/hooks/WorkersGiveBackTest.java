package dev.phasekeeper.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.phasekeeper.hooks.HooksHttp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A lane locks the next tasks while its threads are busy, so a backlog is fetched in batches; a
 * task locked that way but not started when the node stops is unlocked for any node to take.
 * One hook thread here: the first run holds it, the second waits its turn.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class WorkersGiveBackTest {

  static final Path HOOKS = HookTesting.tempDir("pk-give-back-");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    HookTesting.hookSettings(registry, HOOKS);
    registry.add("phasekeeper.workers.hook-threads", () -> "1");
  }

  @LocalServerPort
  int port;

  @Autowired ExternalTaskService externalTasks;
  @Autowired ApplicationContext context;

  @Test
  void shouldLockTheNextRunWhileOneRunsAndUnlockItWhenTheWorkersStop() {
    HookTesting.script(HOOKS, "slow.sh", "touch \"started-$PHASEKEEPER_HOOK_NAME\"\nsleep 30");
    HooksHttp http = new HooksHttp(port);
    Response created = http.post("/mws/rest/services", """
        {"tenant":{"name":"T1"},"name":"give-back","type":"vm","hookDefinitions":[
         {"name":"alpha","transition":"submit","url":"exec://slow.sh"},
         {"name":"bravo","transition":"submit","url":"exec://slow.sh"}]}""");
    assertThat(created.status()).as(created.text()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(HOOKS.resolve("started-alpha")));
    await().atMost(Duration.ofSeconds(5)).until(() -> hookTasks().stream()
        .filter(task -> task.getLockExpirationTime() != null).count() == 2);

    context.getBean("externalTaskWorkers", SmartLifecycle.class).stop();

    assertThat(Files.exists(HOOKS.resolve("started-bravo"))).isFalse();
    assertThat(hookTasks()).anySatisfy(task -> {
      assertThat(task.getLockExpirationTime()).isNull();
      assertThat(task.getWorkerId()).isNull();
      assertThat(task.getErrorMessage()).isNull();
    });
  }

  private List<ExternalTask> hookTasks() {
    return externalTasks.createExternalTaskQuery().topicName("phasekeeper-hook").list();
  }
}
