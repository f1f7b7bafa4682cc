package dev.phasekeeper.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A node stopped with SIGTERM while steps and hooks run exits in order: within 30 s, without an
 * ERROR in its log (no worker writes to a database that is closing), and a node started on the same
 * database finishes every lifecycle with one run record per hook.
 */
class GracefulShutdownTest {

  private static final int SERVICES = 16;

  @Test
  void shouldStopWithoutErrorsWhileStepsRunAndLoseNothing() throws Exception {
    // kept under target/ so the nodes' logs can be read after a failure
    Path work =
        Files.createDirectories(Path.of("target", "nodes"))
            .resolve("sigterm-" + System.nanoTime())
            .toAbsolutePath();
    Path hooks = work.resolve("hooks");
    Path log = work.resolve("runs.log");
    String line = "echo \"%s $PHASEKEEPER_SUBJECT_ID\" >> " + log + "\nsleep %s";
    PhasekeeperNode.script(hooks.resolve("steps/busy/analyze"), line.formatted("analyze", "0.5"));
    PhasekeeperNode.script(hooks.resolve("steps/busy/deploy"), line.formatted("deploy", "2"));
    PhasekeeperNode.script(hooks.resolve("audit.sh"), line.formatted("hook", "1"));
    // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database beside Spring's
    Map<String, String> properties =
        Map.of(
            "spring.datasource.url",
                "jdbc:h2:file:" + work.resolve("db") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
            "phasekeeper.hooks.dir", hooks.toString(),
            "phasekeeper.workers.threads", "4",
            "phasekeeper.workers.hook-threads", "4",
            "phasekeeper.workers.lock-duration", "10s",
            "phasekeeper.workers.poll-interval", "500ms");

    List<String> names = new ArrayList<>();
    PhasekeeperNode first = PhasekeeperNode.start("first", work, properties);
    try {
      var hook =
          first.post(
              "/mws/rest/services/hooks/global-definitions",
              """
          {"name":"audit","transition":"deploy","url":"exec://audit.sh"}""");
      assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
      for (int i = 0; i < SERVICES; i++) {
        var created =
            first.post(
                "/mws/rest/services",
                "{\"tenant\":{\"name\":\"stop\"},\"name\":\"busy-" + i + "\",\"type\":\"busy\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        names.add(created.body().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
      }
      Awaitility.await("deploy steps and hooks run")
          .atMost(Duration.ofSeconds(60))
          .until(() -> lines(log, "deploy") >= 4 && lines(log, "hook") >= 1);

      Duration exit = first.terminate();

      assertThat(exit).as("exited after SIGTERM").isNotNull().isLessThan(Duration.ofSeconds(30));
    } finally {
      first.close();
    }
    assertThat(lines(log, "deploy"))
        .as("stopped while the lifecycles were under way")
        .isLessThan(SERVICES);
    assertThat(errorLines(work, "first")).as("ERROR lines of the stopped node").isEmpty();

    try (PhasekeeperNode second = PhasekeeperNode.start("second", work, properties)) {
      Awaitility.await("all services deployed")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> second.countInPhase(names, "Deployed") == SERVICES);
      List<JsonNode> runs =
          Awaitility.await("all hook runs succeeded")
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  second::hookRuns,
                  found ->
                      found.size() >= SERVICES
                          && found.stream()
                              .allMatch(run -> "SUCCEEDED".equals(run.path("status").asText())));
      Map<String, Long> perService =
          runs.stream()
              .collect(
                  Collectors.groupingBy(
                      run -> run.path("serviceId").asText(), Collectors.counting()));
      assertThat(perService)
          .as("one hook run recorded per service")
          .hasSize(SERVICES)
          .allSatisfy((id, count) -> assertThat(count).isOne());
    }
    assertThat(errorLines(work, "second")).as("ERROR lines of the second node").isEmpty();
  }

  private static long lines(Path log, String what) throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    return Files.readAllLines(log).stream().filter(line -> line.startsWith(what + " ")).count();
  }

  private static List<String> errorLines(Path work, String node) throws IOException {
    return Stream.of(node + ".log", node + ".out")
        .map(work::resolve)
        .flatMap(file -> read(file).stream())
        .filter(line -> line.contains(" ERROR ") || line.contains("already closed"))
        .toList();
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
