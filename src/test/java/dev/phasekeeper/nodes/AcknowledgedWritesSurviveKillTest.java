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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 default never loses a write the API has acknowledged: a node started with a bare
 * {@code jdbc:h2:file:} URL (no settings, as an operator would write it) is killed with SIGKILL
 * right after it acknowledged a create, a phase and a terminate, and the node started next on the
 * same file shows each of them.
 */
class AcknowledgedWritesSurviveKillTest {

  @Test
  void shouldKeepWhatTheApiAcknowledgedThroughAKillNine() throws Exception {
    Path work =
        Files.createDirectories(Path.of("target", "nodes"))
            .resolve("durable-" + System.currentTimeMillis())
            .toAbsolutePath();
    Map<String, String> properties =
        Map.of(
            "spring.datasource.url",
            "jdbc:h2:file:" + work.resolve("db"),
            "phasekeeper.hooks.dir",
            Files.createDirectories(work.resolve("hooks")).toString(),
            "phasekeeper.workers.poll-interval",
            "300ms");

    String name;
    try (PhasekeeperNode first = PhasekeeperNode.start("first", work, properties)) {
      var created =
          first.post("/mws/rest/services", "{\"tenant\":{\"name\":\"durable\"},\"name\":\"kept\"}");
      first.kill();
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      name = created.body().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
    }

    try (PhasekeeperNode second = PhasekeeperNode.start("second", work, properties)) {
      assertThat(second.get("/mws/rest/services/" + name).statusCode())
          .as("the acknowledged create survived")
          .isEqualTo(200);
      Awaitility.await("the service is reported deployed")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> "Deployed".equals(phase(second, name)));
      second.kill();
    }

    try (PhasekeeperNode third = PhasekeeperNode.start("third", work, properties)) {
      assertThat(phase(third, name)).as("the reported phase survived").isEqualTo("Deployed");
      var terminated = third.put("/mws/rest/services/" + name + "/terminate", "");
      third.kill();
      assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
    }

    try (PhasekeeperNode fourth = PhasekeeperNode.start("fourth", work, properties)) {
      assertThat(transitions(fourth, name))
          .as("the acknowledged terminate survived")
          .contains("terminate");
      Awaitility.await("the service ends terminated")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(() -> "Terminated".equals(phase(fourth, name)));
    }
  }

  private static String phase(PhasekeeperNode node, String name) throws IOException {
    return node.getJson("/mws/rest/services/" + name + "?fields=phase").path("phase").asText();
  }

  private static List<String> transitions(PhasekeeperNode node, String name) throws IOException {
    List<String> transitions = new ArrayList<>();
    for (JsonNode entry : node.getJson("/mws/rest/services/" + name + "/phases").path("results")) {
      transitions.add(entry.path("transition").asText());
    }
    return transitions;
  }
}
