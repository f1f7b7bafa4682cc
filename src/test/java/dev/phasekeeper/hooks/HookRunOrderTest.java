package dev.phasekeeper.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.phasekeeper.hooks.HooksHttp.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The order runs start in, seen with one hook worker, which takes one task at a time in the order the
 * engine hands them out: the runs of one phase change by hook name, older phase changes first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HookRunOrderTest {

  static final Path HOOKS = HookTesting.tempDir("pk-hook-order-");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    HookTesting.hookSettings(registry, HOOKS);
    registry.add("phasekeeper.workers.hook-threads", () -> "1");
  }

  @LocalServerPort
  int port;

  @Test
  void shouldStartOneTransitionsRunsByNameAndOlderTransitionsFirst() throws IOException {
    HookTesting.script(HOOKS, "log.sh", "sleep 0.2\n"
        + "echo \"$PHASEKEEPER_SUBJECT_ID $PHASEKEEPER_HOOK_NAME\" >> order.log");
    HooksHttp http = new HooksHttp(port);
    String hooks = """
        [{"name":"zulu","transition":"submit","url":"exec://log.sh"},
         {"name":"alpha","transition":"submit","url":"exec://log.sh"},
         {"name":"mike","transition":"submit","url":"exec://log.sh"}]""";

    String first = create(http, "order-first", hooks);
    String second = create(http, "order-second", hooks);

    Path log = HOOKS.resolve("order.log");
    List<String> lines = await().atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(log) ? Files.readAllLines(log) : List.<String>of(),
            all -> all.size() == 6);
    assertThat(lines).containsExactly(first + " alpha", first + " mike", first + " zulu",
        second + " alpha", second + " mike", second + " zulu");
  }

  private static String create(HooksHttp http, String name, String hooks) {
    Response created = http.post("/mws/rest/services", """
        {"tenant":{"name":"T1"},"name":"%s","type":"vm","hookDefinitions":%s}"""
        .formatted(name, hooks));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return http.get("/mws/rest/services/" + created.body().path("name").asText()).body()
        .path("id").asText();
  }
}
