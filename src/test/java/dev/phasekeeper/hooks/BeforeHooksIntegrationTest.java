package dev.phasekeeper.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasekeeper.hooks.HooksHttp.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Before hooks end to end: the phase element waits for them (the subject keeps its phase), they run
 * one after another by name, a failure blocks the subject with the hook's message, unblock retries
 * or skips, a script that reports waiting holds the entry until its callback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BeforeHooksIntegrationTest {

  static final Path HOOKS = HookTesting.tempDir("pk-before-hooks-");
  static final Duration WAIT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    HookTesting.hookSettings(registry, HOOKS);
    registry.add("phasekeeper.workers.poll-interval", () -> "200ms");
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ProcessEngine engine;

  HooksHttp http;

  @BeforeAll
  static void scripts() {
    // prints the phase the service is in while the hook runs, and appends its name to a log
    script(
        "seen.sh",
        "phase=$(sed -n 's/.*\"phase\" *: *\"\\([A-Za-z]*\\)\".*/\\1/p')\n"
            + "echo \"$PHASEKEEPER_HOOK_NAME\" >> \"order-$PHASEKEEPER_SUBJECT_ID.log\"\n"
            + "sleep 0.3\n"
            + "printf '{\"status\":\"succeeded\",\"seen\":\"%s\"}' \"$phase\"");
    script(
        "fail.sh",
        "if [ -f \"retry-ok-$PHASEKEEPER_SUBJECT_ID\" ]; then exit 0; fi\n"
            + "echo 'quota exceeded for project x' >&2\nexit 4");
    script(
        "wait.sh",
        "printf '%s\\n%s\\n' \"$PHASEKEEPER_CALLBACK_URL\" \"$PHASEKEEPER_TOKEN\""
            + " > \"cb-$PHASEKEEPER_SUBJECT_ID.txt\"\necho '{\"status\":\"waiting\"}'");
  }

  @BeforeEach
  void client() {
    http = new HooksHttp(port);
  }

  @Test
  void shouldRunBeforeHooksOneAfterAnotherByNameWhileTheSubjectKeepsItsPhase() throws IOException {
    String id =
        createService(
            """
        [{"name":"b-second","type":"before","transition":"deploy","includeServiceAsBody":true,
          "url":"exec://seen.sh"},
         {"name":"a-first","type":"before","nextPhase":"deployed","includeServiceAsBody":true,
          "url":"exec://seen.sh"}]""");

    awaitPhase(id, "Deployed");

    List<JsonNode> runs = runs(id);
    assertThat(runs)
        .extracting(
            r ->
                r.path("name").asText()
                    + ":"
                    + r.path("status").asText()
                    + ":"
                    + r.path("standardOutput").path("seen").asText())
        .containsExactlyInAnyOrder("a-first:SUCCEEDED:Deploying", "b-second:SUCCEEDED:Deploying");
    assertThat(Files.readAllLines(HOOKS.resolve("order-" + id + ".log")))
        .containsExactly("a-first", "b-second");
    JsonNode first = byName(runs, "a-first");
    JsonNode second = byName(runs, "b-second");
    assertThat(second.path("startDate").asText())
        .isGreaterThanOrEqualTo(first.path("endDate").asText());
    assertThat(history(id))
        .containsSubsequence("Analyzing-accept->Deploying", "Deploying-deploy->Deployed");
  }

  @Test
  void shouldRunBeforeHooksOnSubmitAndTerminateWhileTheServiceKeepsItsPhase() {
    String id =
        createService(
            """
        [{"name":"confirm","type":"before","transition":"terminate","includeServiceAsBody":true,
          "url":"exec://seen.sh"},
         {"name":"intake","type":"before","transition":"submit","includeServiceAsBody":true,
          "url":"exec://seen.sh"}]""");
    awaitPhase(id, "Deployed");

    Response terminated = http.put("/mws/rest/services/" + id + "/terminate", null);
    assertThat(terminated.status()).as(terminated.text()).isEqualTo(200);

    awaitPhase(id, "Terminated");
    assertThat(runs(id))
        .extracting(
            r ->
                r.path("name").asText()
                    + ":"
                    + r.path("status").asText()
                    + ":"
                    + r.path("standardOutput").path("seen").asText())
        .containsExactlyInAnyOrder("intake:SUCCEEDED:Defining", "confirm:SUCCEEDED:Deployed");
    assertThat(history(id))
        .containsSubsequence(
            "Defining-submit->Analyzing",
            "Deploying-deploy->Deployed",
            "Deployed-terminate->Cleaning",
            "Cleaning-clean->Terminated");
  }

  @Test
  void shouldBlockTheSubjectWhenABeforeHookFailsAndRetryItOnUnblock() throws IOException {
    String id =
        createService(
            """
        [{"name":"quota","type":"before","transition":"accept","url":"exec://fail.sh"}]""");

    JsonNode blocked = awaitPhase(id, "Blocked");

    assertThat(blocked.path("blockedReason").path("hook").asText()).isEqualTo("quota");
    assertThat(blocked.path("blockedReason").path("exitCode").asInt()).isEqualTo(4);
    assertThat(blocked.path("blockedReason").path("stderr").asText())
        .contains("quota exceeded for project x");
    assertThat(blocked.path("blockedReason").path("message").asText())
        .contains("hook quota failed");
    assertThat(history(id)).endsWith("Analyzing-block->Blocked");
    assertThat(runs(id)).extracting(r -> r.path("status").asText()).containsExactly("FAILED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).list())
        .allSatisfy(
            instance ->
                assertThat(
                        runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
                    .isZero());

    Files.writeString(HOOKS.resolve("retry-ok-" + id), "");
    Response unblocked = http.put("/mws/rest/services/" + id + "/unblock", null);
    assertThat(unblocked.status()).as(unblocked.text()).isEqualTo(200);
    assertThat(unblocked.text()).contains("before hook quota");

    awaitPhase(id, "Deployed");
    assertThat(history(id))
        .containsSubsequence(
            "Analyzing-block->Blocked",
            "Blocked-unblock->Analyzing",
            "Analyzing-accept->Deploying",
            "Deploying-deploy->Deployed");
    assertThat(runs(id))
        .extracting(r -> r.path("status").asText())
        .containsExactlyInAnyOrder("FAILED", "SUCCEEDED");
  }

  @Test
  void shouldGoOnWithoutTheFailedHookWhenUnblockSkipsIt() {
    String id =
        createService(
            """
        [{"name":"quota","type":"before","transition":"accept","url":"exec://fail.sh"}]""");
    awaitPhase(id, "Blocked");
    Response early = http.put("/mws/rest/services/" + id + "/terminate", null);
    assertThat(early.status()).as("terminate stays possible while blocked").isEqualTo(200);
    String other =
        createService(
            """
        [{"name":"quota","type":"before","transition":"accept","url":"exec://fail.sh"}]""");
    awaitPhase(other, "Blocked");

    Response skipped = http.put("/mws/rest/services/" + other + "/unblock", "{\"skip\":true}");
    assertThat(skipped.status()).as(skipped.text()).isEqualTo(200);

    awaitPhase(other, "Deployed");
    awaitPhase(id, "Terminated");
    assertThat(runs(other)).extracting(r -> r.path("status").asText()).containsExactly("FAILED");
    assertThat(phases(other))
        .anySatisfy(
            row -> {
              assertThat(row.path("transition").asText()).isEqualTo("unblock");
              assertThat(row.path("note").asText())
                  .contains("skipped")
                  .contains("before hook quota");
            });
  }

  @Test
  void shouldHoldTheEntryUntilAWaitingHookReportsThroughItsCallback() throws IOException {
    String id =
        createService(
            """
        [{"name":"approval","type":"before","nextPhase":"deployed","url":"exec://wait.sh"}]""");
    Path callback = HOOKS.resolve("cb-" + id + ".txt");
    await()
        .atMost(WAIT)
        .until(() -> Files.exists(callback) && Files.readAllLines(callback).size() == 2);
    await()
        .during(Duration.ofMillis(700))
        .atMost(WAIT)
        .until(() -> "Deploying".equals(service(id).path("phase").asText()));
    AbstractAssertions.init(engine);
    ProcessInstance lifecycle =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(id)
            .processDefinitionKey("service-lifecycle")
            .singleResult();
    BpmnAwareTests.assertThat(lifecycle)
        .as("the token waits, drawn, in front of the phase element")
        .isWaitingAt("Call_BeforeDeployed");
    assertThat(
            runtime
                .createMessageCorrelation("migrate")
                .processInstanceBusinessKey(id)
                .correlateAllWithResult())
        .as(
            "the phase is not entered, so nothing takes its messages, not even the engine's own API")
        .isEmpty();
    BpmnAwareTests.assertThat(lifecycle).isWaitingAt("Call_BeforeDeployed");
    assertThat(http.put("/mws/rest/services/" + id + "/terminate", null).status())
        .as("unblock has nothing to do, migrate is not possible, terminate is")
        .isEqualTo(200);
    String held =
        createService(
            """
        [{"name":"approval","type":"before","nextPhase":"deployed","url":"exec://wait.sh"}]""");
    Path heldCallback = HOOKS.resolve("cb-" + held + ".txt");
    await()
        .atMost(WAIT)
        .until(() -> Files.exists(heldCallback) && Files.readAllLines(heldCallback).size() == 2);
    List<String> lines = Files.readAllLines(heldCallback);

    Response reported =
        http.send(
            "PUT",
            lines.get(0),
            "{\"status\":\"succeeded\"}",
            "Authorization",
            "Bearer " + lines.get(1));
    assertThat(reported.status()).as(reported.text()).isEqualTo(200);

    awaitPhase(held, "Deployed");
    awaitPhase(id, "Terminated");
  }

  @Test
  void shouldCostNoProcessAndStoreNoTransitionWithoutBeforeHooks() {
    String id = createService("[]");
    awaitPhase(id, "Deployed");
    assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(id)
                .processDefinitionKey("before-hooks")
                .count())
        .isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .variableName("phasekeeperPendingTransition")
                .processInstanceIdIn(
                    runtime
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(id)
                        .list()
                        .stream()
                        .map(ProcessInstance::getId)
                        .toArray(String[]::new))
                .count())
        .isZero();
  }

  private JsonNode byName(List<JsonNode> runs, String name) {
    return runs.stream()
        .filter(r -> name.equals(r.path("name").asText()))
        .findFirst()
        .orElseThrow();
  }

  private JsonNode awaitPhase(String id, String phase) {
    return await()
        .atMost(WAIT)
        .until(() -> service(id), service -> phase.equals(service.path("phase").asText()));
  }

  private JsonNode service(String id) {
    return http.get("/mws/rest/services/" + id).body();
  }

  private List<JsonNode> phases(String id) {
    List<JsonNode> rows = new ArrayList<>();
    http.get("/mws/rest/services/" + id + "/phases").body().path("results").forEach(rows::add);
    return rows;
  }

  private List<String> history(String id) {
    return phases(id).stream()
        .map(
            row ->
                row.path("from").asText()
                    + "-"
                    + row.path("transition").asText()
                    + "->"
                    + row.path("to").asText())
        .toList();
  }

  private List<JsonNode> runs(String serviceId) {
    return HookTesting.runs(http, serviceId);
  }

  private String createService(String hookDefinitions) {
    Response created =
        http.post(
            "/mws/rest/services",
            """
        {"tenant":{"name":"T1"},"name":"before-%s","type":"vm","hookDefinitions":%s}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), hookDefinitions));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Response service = http.get("/mws/rest/services/" + created.body().path("name").asText());
    assertThat(service.status()).as(service.text()).isEqualTo(200);
    return service.body().path("id").asText();
  }

  static void script(String name, String body) {
    HookTesting.script(HOOKS, name, body);
  }
}
