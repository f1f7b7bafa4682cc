package dev.phasekeeper.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hook runs survive the death of their node (SIGKILL): a run cut off while its script ran is run
 * again once its lock has expired (at least once), its first script killed with its node (a
 * parent-death signal), and a run that was recorded but never started is started by the next node.
 * Either way the run record ends SUCCEEDED and there is one record.
 */
class HookCrashTest {

  private Path work;
  private Path hooks;
  private Path log;
  private Map<String, String> properties;

  @BeforeEach
  void workDir() throws IOException {
    // kept under target/ so the nodes' logs can be read after a failure
    work =
        Files.createDirectories(Path.of("target", "nodes"))
            .resolve("hook-crash-" + System.nanoTime())
            .toAbsolutePath();
    hooks = work.resolve("hooks");
    log = work.resolve("runs.log");
    PhasekeeperNode.script(
        hooks.resolve("slowhook.sh"),
        "echo \"started $$\" >> " + log + "\nsleep 6\necho \"done $$\" >> " + log);
    // WRITE_DELAY=0: H2 otherwise writes commits to disk up to a moment later, so a SIGKILL right
    // after the service was created would lose it (and its run) along with the node
    properties =
        Map.of(
            "spring.datasource.url",
            "jdbc:h2:file:" + work.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
            "phasekeeper.hooks.dir",
            hooks.toString(),
            "phasekeeper.workers.lock-duration",
            "4s",
            "phasekeeper.workers.poll-interval",
            "500ms");
  }

  @Test
  void shouldRunAHookAgainAfterTheNodeRunningItWasKilled() throws Exception {
    String id;
    try (PhasekeeperNode first = PhasekeeperNode.start("first", work, properties)) {
      id = createServiceWithSlowHook(first);
      Awaitility.await("the hook starts")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.exists(log) && Files.readString(log).contains("started"));
      first.kill();
    }
    assertThat(Files.readAllLines(log)).as("the hook was cut off").hasSize(1);
    long cutOff = Long.parseLong(startedPids().get(0));
    Awaitility.await("the script dies with the node that started it")
        .atMost(Duration.ofSeconds(5))
        .until(() -> !PhasekeeperNode.running(cutOff));

    try (PhasekeeperNode second = PhasekeeperNode.start("second", work, properties)) {
      JsonNode run = awaitTheOnlyRunSucceeded(second, id);
      List<String> started = startedPids();
      assertThat(started).as("at least once: the script ran again").hasSize(2);
      assertThat(Files.readAllLines(log))
          .contains("done " + started.get(1))
          .as("the first run never ran on beside the second")
          .doesNotContain("done " + cutOff);
      assertThat(run.path("processId").asText()).isEqualTo(started.get(1));
      assertThat(run.path("exitCode").asInt()).isZero();
    }
  }

  @Test
  void shouldStartARunRecordedButNotStartedWhenTheNodeDied() throws Exception {
    Map<String, String> noWorkers = new HashMap<>(properties);
    noWorkers.put("phasekeeper.workers.threads", "0");
    String id;
    try (PhasekeeperNode first = PhasekeeperNode.start("first", work, noWorkers)) {
      id = createServiceWithSlowHook(first);
      assertThat(runs(first, id))
          .singleElement()
          .satisfies(run -> assertThat(run.path("status").asText()).isEqualTo("WAITING"));
      first.kill();
    }
    assertThat(log).as("no script ran on the node without workers").doesNotExist();

    try (PhasekeeperNode second = PhasekeeperNode.start("second", work, properties)) {
      awaitTheOnlyRunSucceeded(second, id);
      List<String> started = startedPids();
      assertThat(started).as("exactly once: nobody had started it before").hasSize(1);
      assertThat(Files.readAllLines(log)).contains("done " + started.get(0));
    }
  }

  private static String createServiceWithSlowHook(PhasekeeperNode node) throws IOException {
    var created =
        node.post(
            "/mws/rest/services",
            """
        {"tenant":{"name":"crash"},"name":"hooked","type":"plain","hookDefinitions":[
          {"name":"slow","transition":"submit","url":"exec://slowhook.sh"}]}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String name = created.body().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
    return node.getJson("/mws/rest/services/" + name).path("id").asText();
  }

  private static JsonNode awaitTheOnlyRunSucceeded(PhasekeeperNode node, String serviceId) {
    List<JsonNode> runs =
        Awaitility.await("the hook run succeeds")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> runs(node, serviceId),
                found ->
                    !found.isEmpty()
                        && found.stream()
                            .allMatch(r -> "SUCCEEDED".equals(r.path("status").asText())));
    assertThat(runs).as("one run record: nothing duplicated, nothing lost").hasSize(1);
    return runs.get(0);
  }

  private static List<JsonNode> runs(PhasekeeperNode node, String serviceId) throws IOException {
    String query =
        URLEncoder.encode("{\"serviceId\":\"" + serviceId + "\"}", StandardCharsets.UTF_8);
    List<JsonNode> runs = new ArrayList<>();
    node.getJson("/mws/rest/services/hooks/running?query=" + query)
        .path("results")
        .forEach(runs::add);
    return runs;
  }

  private List<String> startedPids() throws IOException {
    return Files.readAllLines(log).stream()
        .filter(line -> line.startsWith("started "))
        .map(line -> line.substring("started ".length()))
        .toList();
  }
}
