package dev.phasekeeper.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasekeeper.hooks.HooksHttp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An admin ticks "Asynchronous before" on a phase element and "Asynchronous after" on a step in
 * Modeler: over REST, the service still records every transition and the hooks that match on a
 * transition still fire. The node deploys the shipped processes with those two marks added.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AsyncLifecycleIntegrationTest {

  static final Path HOOKS = HookTesting.tempDir("pk-async-hooks-");
  static final Path PROCESSES = asyncVariantOfTheShippedProcesses();
  static final Duration WAIT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    HookTesting.hookSettings(registry, HOOKS);
    registry.add("phasekeeper.processes.dir", PROCESSES::toString);
  }

  @LocalServerPort int port;

  HooksHttp http;

  @BeforeAll
  static void scripts() {
    HookTesting.script(HOOKS, "note.sh", "echo '{\"status\":\"succeeded\"}'");
  }

  @BeforeEach
  void client() {
    http = new HooksHttp(port);
  }

  @Test
  void shouldRecordEveryTransitionAndFireItsHooksAcrossAsynchronousContinuations() {
    String id =
        createService(
            """
        [{"name":"on-accept","type":"after","transition":"accept","url":"exec://note.sh"},
         {"name":"on-deploy","type":"after","transition":"deploy","url":"exec://note.sh"}]""");

    await().atMost(WAIT).until(() -> "Deployed".equals(service(id).path("phase").asText()));

    assertThat(history(id))
        .containsExactly(
            "null-null->Defining",
            "Defining-submit->Analyzing",
            "Analyzing-accept->Deploying",
            "Deploying-deploy->Deployed");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(HookTesting.runs(http, id))
                    .extracting(r -> r.path("name").asText() + ":" + r.path("status").asText())
                    .containsExactlyInAnyOrder("on-accept:SUCCEEDED", "on-deploy:SUCCEEDED"));
  }

  private static Path asyncVariantOfTheShippedProcesses() {
    Path dir = HookTesting.tempDir("pk-async-processes-");
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        String bpmn = Files.readString(file);
        if (file.getFileName().toString().equals("service-lifecycle.bpmn")) {
          bpmn =
              marked(
                  marked(
                      bpmn,
                      "<bpmn:intermediateThrowEvent id=\"Event_Deploying\"",
                      "camunda:asyncBefore=\"true\""),
                  "<bpmn:serviceTask id=\"Task_Deploy\"",
                  "camunda:asyncAfter=\"true\"");
        }
        Files.writeString(dir.resolve(file.getFileName()), bpmn);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private static String marked(String bpmn, String element, String attribute) {
    assertThat(bpmn).contains(element);
    return bpmn.replace(element, element + " " + attribute);
  }

  private JsonNode service(String id) {
    return http.get("/mws/rest/services/" + id).body();
  }

  private List<String> history(String id) {
    List<String> rows = new ArrayList<>();
    http.get("/mws/rest/services/" + id + "/phases")
        .body()
        .path("results")
        .forEach(
            row ->
                rows.add(
                    row.path("from").asText()
                        + "-"
                        + row.path("transition").asText()
                        + "->"
                        + row.path("to").asText()));
    return rows;
  }

  private String createService(String hookDefinitions) {
    Response created =
        http.post(
            "/mws/rest/services",
            """
        {"tenant":{"name":"T1"},"name":"async-%s","type":"vm","hookDefinitions":%s}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), hookDefinitions));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Response service = http.get("/mws/rest/services/" + created.body().path("name").asText());
    assertThat(service.status()).as(service.text()).isEqualTo(200);
    return service.body().path("id").asText();
  }
}
