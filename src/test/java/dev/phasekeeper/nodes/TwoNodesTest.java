package dev.phasekeeper.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database at the same time share the steps and hook runs of 40
 * services, and neither starts a task the other has started: every step and every hook runs exactly
 * once while both are alive. Both are started with the database's URL, user and password only (no
 * {@code postgres} profile): the vendor is found from the URL.
 *
 * <p>Needs PHASEKEEPER_TEST_DB_URL (plus _USER and _PASSWORD); without it the test is skipped. CI
 * ({@code .ci/run}) always sets them, so there it always runs. It works in a schema of its own,
 * dropped afterwards, so it neither sees nor leaves data of other runs.
 */
class TwoNodesTest {

  private static final int SERVICES = 40;

  private String url;
  private String user;
  private String password;
  private String schema;
  private Path work;

  @BeforeEach
  void freshSchema() throws SQLException, IOException {
    url = System.getenv("PHASEKEEPER_TEST_DB_URL");
    assumeTrue(
        url != null && !url.isBlank(),
        "PHASEKEEPER_TEST_DB_URL is not set (CI sets it): no PostgreSQL to run two nodes on");
    // runs once, in the first (H2) execution of the suite: pom.xml leaves the node tests out of
    // the PostgreSQL execution, since they choose their own databases
    user = System.getenv().getOrDefault("PHASEKEEPER_TEST_DB_USER", "phasekeeper");
    password = System.getenv().getOrDefault("PHASEKEEPER_TEST_DB_PASSWORD", "");
    schema = "twonodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create schema " + schema);
    work = Files.createDirectories(Path.of("target", "nodes")).resolve(schema).toAbsolutePath();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (schema != null) {
      execute("drop schema " + schema + " cascade");
    }
  }

  @Test
  void shouldRunEveryStepAndHookExactlyOnceWithTwoNodesOnOneDatabase() throws Exception {
    Path log = work.resolve("runs.log");
    try (PhasekeeperNode a = PhasekeeperNode.start("a", work, node("a", log));
        PhasekeeperNode b = PhasekeeperNode.start("b", work, node("b", log))) {
      var hook =
          a.post(
              "/mws/rest/services/hooks/global-definitions",
              """
          {"name":"audit","transition":"accept","url":"exec://audit.sh"}""");
      assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);

      List<String> names = new ArrayList<>();
      for (int i = 0; i < SERVICES; i++) {
        PhasekeeperNode node = i % 2 == 0 ? a : b;
        var created =
            node.post(
                "/mws/rest/services",
                "{\"tenant\":{\"name\":\"two\"},\"name\":\"shared-"
                    + i
                    + "\",\"type\":\"shared\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        names.add(created.body().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
      }

      Awaitility.await("all services deployed")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> a.countInPhase(names, "Deployed") == SERVICES);
      List<JsonNode> runs =
          Awaitility.await("all hook runs succeeded")
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  b::hookRuns,
                  found ->
                      found.size() == SERVICES
                          && found.stream()
                              .allMatch(run -> "SUCCEEDED".equals(run.path("status").asText())));

      Set<String> ids =
          runs.stream().map(run -> run.path("serviceId").asText()).collect(Collectors.toSet());
      assertThat(ids).as("one hook run per service").hasSize(SERVICES);
      List<String[]> lines = Files.readAllLines(log).stream().map(line -> line.split(" ")).toList();
      for (String what : List.of("analyze", "deploy", "hook")) {
        Map<String, Long> perService =
            lines.stream()
                .filter(line -> line[0].equals(what))
                .collect(Collectors.groupingBy(line -> line[1], Collectors.counting()));
        assertThat(perService)
            .as(what + " ran once for every service, never twice")
            .containsOnlyKeys(ids)
            .allSatisfy((id, count) -> assertThat(count).isOne());
      }
      Map<String, Long> perNode =
          lines.stream().collect(Collectors.groupingBy(line -> line[2], Collectors.counting()));
      assertThat(perNode)
          .as("both nodes did some of the work: " + perNode)
          .containsOnlyKeys("a", "b");
    }
  }

  /** Each node has its own hooks folder whose scripts write the node's name into the log. */
  private Map<String, String> node(String name, Path log) throws IOException {
    Path hooks = work.resolve("hooks-" + name);
    String line = "echo \"%s $PHASEKEEPER_SUBJECT_ID " + name + "\" >> " + log;
    PhasekeeperNode.script(hooks.resolve("audit.sh"), line.formatted("hook"));
    PhasekeeperNode.script(hooks.resolve("steps/shared/analyze"), line.formatted("analyze"));
    PhasekeeperNode.script(hooks.resolve("steps/shared/deploy"), line.formatted("deploy"));
    // PostgreSQL by its URL alone: no profile, no driver property (DatasourceDefaults); only
    // the schema to work in is this test's own
    Map<String, String> properties = new HashMap<>();
    properties.put(
        "spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    properties.put("camunda.bpm.database.schema-name", schema);
    properties.put("camunda.bpm.database.table-prefix", schema + ".");
    properties.put("spring.datasource.username", user);
    properties.put("spring.datasource.password", password);
    properties.put("phasekeeper.hooks.dir", hooks.toString());
    properties.put("phasekeeper.workers.poll-interval", "300ms");
    return properties;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
