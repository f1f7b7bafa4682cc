package dev.phasekeeper.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.phasekeeper.hooks.HooksHttp.Response;
import java.io.IOException;
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
import org.springframework.test.annotation.DirtiesContext.MethodMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hook lane seen with one hook thread, which runs one task at a time: the order runs start in
 * (the runs of one phase change by hook name, older phase changes first), and the room it keeps for
 * the next task (locked while the thread is busy, so a backlog is fetched in batches, and unlocked
 * for any node to take when the workers stop before starting it, as the running one is once the
 * shutdown grace has passed).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OneHookWorkerTest {

  static final Path HOOKS = HookTesting.tempDir("pk-one-hook-worker-");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    HookTesting.hookSettings(registry, HOOKS);
    registry.add("phasekeeper.workers.hook-threads", () -> "1");
  }

  @LocalServerPort int port;

  @Autowired ExternalTaskService externalTasks;
  @Autowired ApplicationContext context;

  @Test
  void shouldStartOneTransitionsRunsByNameAndOlderTransitionsFirst() throws IOException {
    HookTesting.script(
        HOOKS,
        "log.sh",
        "sleep 0.2\n" + "echo \"$PHASEKEEPER_SUBJECT_ID $PHASEKEEPER_HOOK_NAME\" >> order.log");
    HooksHttp http = new HooksHttp(port);
    String hooks =
        """
        [{"name":"zulu","transition":"submit","url":"exec://log.sh"},
         {"name":"alpha","transition":"submit","url":"exec://log.sh"},
         {"name":"mike","transition":"submit","url":"exec://log.sh"}]""";

    String first = create(http, "order-first", hooks);
    String second = create(http, "order-second", hooks);

    Path log = HOOKS.resolve("order.log");
    List<String> lines =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> Files.exists(log) ? Files.readAllLines(log) : List.<String>of(),
                all -> all.size() == 6);
    assertThat(lines)
        .containsExactly(
            first + " alpha",
            first + " mike",
            first + " zulu",
            second + " alpha",
            second + " mike",
            second + " zulu");
  }

  /** Stops this context's workers, so the context is not reused. */
  @Test
  @DirtiesContext(methodMode = MethodMode.AFTER_METHOD)
  void shouldLockTheNextRunWhileOneRunsAndUnlockItWhenTheWorkersStop() {
    HookTesting.script(HOOKS, "slow.sh", "touch \"started-$PHASEKEEPER_HOOK_NAME\"\nsleep 30");
    HooksHttp http = new HooksHttp(port);
    create(
        http,
        "give-back",
        """
        [{"name":"alpha","transition":"submit","url":"exec://slow.sh"},
         {"name":"bravo","transition":"submit","url":"exec://slow.sh"}]""");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.exists(HOOKS.resolve("started-alpha")));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                hookTasks().stream().filter(task -> task.getLockExpirationTime() != null).count()
                    == 2);

    context.getBean("externalTaskWorkers", SmartLifecycle.class).stop();

    assertThat(Files.exists(HOOKS.resolve("started-bravo"))).isFalse();
    assertThat(hookTasks())
        .as("the waiting run given back, the running one handed back after" + " the grace")
        .hasSize(2)
        .allSatisfy(
            task -> {
              assertThat(task.getLockExpirationTime()).isNull();
              assertThat(task.getWorkerId()).isNull();
              assertThat(task.getErrorMessage()).isNull();
            });
  }

  private List<ExternalTask> hookTasks() {
    return externalTasks.createExternalTaskQuery().topicName("phasekeeper-hook").list();
  }

  private static String create(HooksHttp http, String name, String hooks) {
    Response created =
        http.post(
            "/mws/rest/services",
            """
        {"tenant":{"name":"T1"},"name":"%s","type":"vm","hookDefinitions":%s}"""
                .formatted(name, hooks));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return http.get("/mws/rest/services/" + created.body().path("name").asText())
        .body()
        .path("id")
        .asText();
  }
}
