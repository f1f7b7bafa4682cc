package dev.phasekeeper.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A node dies (SIGKILL) while a step script runs, and the script with it; a node started on the
 * same database runs the step again once the lock has expired, and the service reaches Deployed:
 * nothing is lost.
 */
class NodeCrashTest {

  @Test
  void shouldRunAStepAgainAfterTheNodeRunningItWasKilled() throws Exception {
    // kept under target/ so the nodes' logs can be read after a failure
    Path work =
        Files.createDirectories(Path.of("target", "nodes"))
            .resolve("crash-" + System.currentTimeMillis())
            .toAbsolutePath();
    Path hooks = work.resolve("hooks");
    Path log = work.resolve("runs.log");
    Path script = hooks.resolve("steps/crashy/deploy");
    Files.createDirectories(script.getParent());
    Files.writeString(
        script,
        "#!/bin/sh\necho \"started $$\" >> "
            + log
            + "\nsleep 6\necho \"done $$\" >> "
            + log
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> properties =
        Map.of(
            "spring.datasource.url",
            "jdbc:h2:file:" + work.resolve("db") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
            "phasekeeper.hooks.dir",
            hooks.toString(),
            "phasekeeper.workers.lock-duration",
            "4s",
            "phasekeeper.workers.poll-interval",
            "500ms");

    String name;
    try (PhasekeeperNode first = PhasekeeperNode.start("first", work, properties)) {
      var created =
          first.post(
              "/mws/rest/services",
              "{\"tenant\":{\"name\":\"crash\"},\"name\":\"survivor\",\"type\":\"crashy\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      name = created.body().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
      Awaitility.await("the deploy step starts")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.exists(log) && Files.readString(log).contains("started"));
      first.kill();
    }
    assertThat(Files.readAllLines(log)).as("the step was cut off").hasSize(1);
    long cutOff = Long.parseLong(Files.readAllLines(log).get(0).substring("started ".length()));
    Awaitility.await("the script dies with the node that started it")
        .atMost(Duration.ofSeconds(5))
        .until(() -> !PhasekeeperNode.running(cutOff));

    try (PhasekeeperNode second = PhasekeeperNode.start("second", work, properties)) {
      Awaitility.await("the service is deployed")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  second
                      .get("/mws/rest/services/" + name + "?fields=phase")
                      .body()
                      .contains("\"Deployed\""));
    }
    // at-least-once: the script ran twice; the second run is the one that completed the step,
    // and the first, killed with its node, never finished beside it
    List<String> runs = Files.readAllLines(log);
    List<String> started = runs.stream().filter(line -> line.startsWith("started")).toList();
    assertThat(started).hasSize(2);
    String secondPid = started.get(1).substring("started ".length());
    assertThat(runs).contains("done " + secondPid).doesNotContain("done " + cutOff);
  }
}
