package dev.phasekeeper.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasekeeper.hooks.HooksHttp.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Hook runs end to end: definitions over HTTP, phase changes, scripts, records, incidents. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HookRunsIntegrationTest {

  static final Path HOOKS = HookTesting.tempDir("pk-hooks-");
  static final Duration WAIT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    HookTesting.hookSettings(registry, HOOKS);
    registry.add("phasekeeper.workers.poll-interval", () -> "200ms");
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ExternalTaskService externalTasks;
  @Autowired HistoryService history;

  HooksHttp http;

  @BeforeEach
  void scripts() {
    http = new HooksHttp(port);
    script("ok.sh", "echo \"ran $PHASEKEEPER_HOOK_NAME\"");
    script("marker.sh", "printf '{\"status\":\"succeeded\",\"marker\":\"%s\"}' \"$1\"");
    script("stdin.sh", "printf '{\"status\":\"succeeded\",\"received\":%s}' \"$(cat)\"");
    script("args.sh", "printf '%s\\n' \"$#\"; for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done");
    script("fork.sh", "sleep 300 &\necho $! > \"child-$PHASEKEEPER_SUBJECT_ID.pid\"\nsleep 300");
    script(
        "fail.sh",
        "if [ -f \"retry-ok-$PHASEKEEPER_SUBJECT_ID\" ]; then exit 0; fi\n"
            + "echo 'first line' >&2\necho 'boom: disk full' >&2\nexit 3");
    script(
        "wait.sh",
        "printf '%s\\n%s\\n' \"$PHASEKEEPER_CALLBACK_URL\" \"$PHASEKEEPER_TOKEN\""
            + " > \"cb-$PHASEKEEPER_SUBJECT_ID-$PHASEKEEPER_HOOK_NAME.txt\"\n"
            + "echo '{\"status\":\"waiting\"}'");
  }

  @Test
  void shouldFireEachHookWhoseCurrentPhaseTransitionAndNextPhaseMatch() {
    String id =
        createService(
            """
        [{"name":"a-current","currentPhase":"analyzing","url":"exec:///opt/mws/spool/hooks/ok.sh"},
         {"name":"b-next","nextPhase":"deployed","url":"exec://ok.sh"},
         {"name":"c-transition","transition":"submit","type":"after","url":"exec://ok.sh"},
         {"name":"d-all","currentPhase":"deploying","transition":"deploy","nextPhase":"deployed",
          "url":"exec:///opt/mws/spool/hooks/ok.sh"},
         {"name":"e-never","currentPhase":"deployed","transition":"submit",
          "url":"exec:///opt/mws/spool/hooks/ok.sh"}]""");

    List<JsonNode> runs = awaitRuns(id, 4, "SUCCEEDED");

    assertThat(runs)
        .extracting(
            r ->
                r.path("name").asText()
                    + ":"
                    + r.path("currentPhase").asText()
                    + "-"
                    + r.path("transition").asText()
                    + "->"
                    + r.path("nextPhase").asText())
        .containsExactlyInAnyOrder(
            "a-current:analyzing-accept->deploying",
            "b-next:deploying-deploy->deployed",
            "c-transition:defining-submit->analyzing",
            "d-all:deploying-deploy->deployed");
    assertThat(runs)
        .allSatisfy(
            run -> {
              assertThat(run.path("standardOutput").asText()).startsWith("ran ");
              assertThat(run.path("exitCode").asInt()).isZero();
              assertThat(run.path("processId").asLong()).isPositive();
              assertThat(run.path("globalHook").asBoolean()).isFalse();
              assertThat(run.path("startDate").asText())
                  .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
              assertThat(run.path("endDate").asText()).endsWith(" UTC");
              assertThat(run.path("timeoutInSeconds").asInt()).isEqualTo(900);
            });
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> runs(id).size() == 4);
    assertThat(
            history
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(id)
                .processDefinitionKey("hook-run")
                .count())
        .as("no Camunda history of hook runs")
        .isZero();
    assertThat(
            history
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(id)
                .processDefinitionKey("service-lifecycle")
                .count())
        .as("the lifecycle keeps its")
        .isOne();
  }

  @Test
  void shouldLetAServiceHookOverrideTheGlobalHookOfTheSameName() {
    String shared = "shared-" + UUID.randomUUID();
    String other = "other-" + UUID.randomUUID();
    Response created =
        http.post(
            "/mws/rest/services/hooks/global-definitions",
            """
        [{"name":"%s","transition":"submit","url":"exec://marker.sh?who=global"},
         {"name":"%s","transition":"submit","url":"exec://marker.sh?who=global-other"}]"""
                .formatted(shared, other));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    try {
      String id =
          createService(
              """
          [{"name":"%s","transition":"accept","url":"exec://marker.sh?who=own"}]"""
                  .formatted(shared));

      List<JsonNode> runs = awaitRuns(id, 2, "SUCCEEDED");

      assertThat(runs)
          .extracting(
              r ->
                  r.path("name").asText()
                      + "/"
                      + r.path("globalHook").asBoolean()
                      + "/"
                      + r.path("transition").asText()
                      + "/"
                      + r.path("standardOutput").path("marker").asText())
          .containsExactlyInAnyOrder(
              shared + "/false/accept/own", other + "/true/submit/global-other");
      JsonNode definitions = http.get("/mws/rest/services/" + id + "/hooks/definitions").body();
      assertThat(definitions.path("results"))
          .anySatisfy(
              d -> {
                assertThat(d.path("name").asText()).isEqualTo(shared);
                assertThat(d.path("global").asBoolean()).isFalse();
              })
          .anySatisfy(
              d -> {
                assertThat(d.path("name").asText()).isEqualTo(other);
                assertThat(d.path("global").asBoolean()).isTrue();
              });
    } finally {
      http.delete("/mws/rest/services/hooks/global-definitions/" + shared);
      http.delete("/mws/rest/services/hooks/global-definitions/" + other);
    }
  }

  @Test
  void shouldPassTheServiceAsStdinAndParseJsonStdout() {
    String name = "stdin-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        createService(
            name,
            """
        [{"name":"body","transition":"submit","includeServiceAsBody":true,
          "url":"exec://stdin.sh"}]""",
            "{\"colour\":\"green\"}");

    JsonNode run = awaitRuns(id, 1, "SUCCEEDED").get(0);

    assertThat(run.path("standardOutput").path("status").asText()).isEqualTo("succeeded");
    assertThat(run.path("standardOutput").path("received").path("name").asText()).startsWith(name);
    assertThat(
            run.path("standardOutput").path("received").path("attributes").path("colour").asText())
        .isEqualTo("green");
  }

  @Test
  void shouldPassHostileVariableValuesAsOneLiteralArgumentEach() throws IOException {
    String hostile = "a b; \\\"q\\\" 'z' $(touch pwned) `touch pwned2` && rm -rf x | cat";
    String id =
        createService(
            "host-" + UUID.randomUUID().toString().substring(0, 8),
            """
        [{"name":"args","transition":"submit",
          "url":"exec://args.sh?one=$attributes.evil&two=$transition&three=$hookName&four=lit%20eral"}]""",
            "{\"evil\":\"" + hostile + "\"}");

    JsonNode run = awaitRuns(id, 1, "SUCCEEDED").get(0);

    String literal = "a b; \"q\" 'z' $(touch pwned) `touch pwned2` && rm -rf x | cat";
    assertThat(run.path("standardOutput").asText())
        .isEqualTo("4\n[" + literal + "]\n[submit]\n[args]\n[lit eral]\n");
    assertThat(HOOKS.resolve("pwned")).doesNotExist();
    assertThat(HOOKS.resolve("pwned2")).doesNotExist();
  }

  @Test
  void shouldKillTheWholeProcessTreeWhenAHookTimesOut() throws IOException {
    String id =
        createService(
            """
        [{"name":"slow","transition":"submit","timeoutInSeconds":1,"url":"exec://fork.sh"}]""");

    JsonNode run = awaitRuns(id, 1, "FAILED").get(0);

    assertThat(run.path("message").asText()).contains("timed out after 1 s");
    long child = Long.parseLong(Files.readString(HOOKS.resolve("child-" + id + ".pid")).trim());
    await().atMost(WAIT).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    assertThat(serviceIsDeployed(id)).isTrue();
  }

  @Test
  void shouldRecordAFailedRunAsAnIncidentThatARetryRunsAgain() throws IOException {
    String id =
        createService(
            """
        [{"name":"breaks","transition":"submit","url":"exec://fail.sh"}]""");

    JsonNode run = awaitRuns(id, 1, "FAILED").get(0);

    assertThat(run.path("exitCode").asInt()).isEqualTo(3);
    assertThat(run.path("standardError").asText()).contains("boom: disk full");
    String instance =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(id)
            .processDefinitionKey("hook-run")
            .singleResult()
            .getId();
    Incident incident =
        await()
            .atMost(WAIT)
            .until(
                () -> runtime.createIncidentQuery().processInstanceId(instance).singleResult(),
                java.util.Objects::nonNull);
    assertThat(incident.getIncidentMessage()).contains("breaks", id, "boom: disk full");
    assertThat(serviceIsDeployed(id)).isTrue();

    Files.writeString(HOOKS.resolve("retry-ok-" + id), "");
    String task =
        externalTasks.createExternalTaskQuery().processInstanceId(instance).singleResult().getId();
    externalTasks.setRetries(task, 1);

    awaitRuns(id, 1, "SUCCEEDED");
    await()
        .atMost(WAIT)
        .until(() -> runtime.createIncidentQuery().processInstanceId(instance).count() == 0);
  }

  @Test
  void shouldAcceptCallbacksWithTheRunsOwnTokenOnly() throws IOException {
    String id =
        createService(
            """
        [{"name":"cb1","transition":"submit","url":"exec://wait.sh"},
         {"name":"cb2","transition":"submit","url":"exec://wait.sh"}]""");
    List<JsonNode> runs = awaitRuns(id, 2, "WAITING");
    await()
        .atMost(WAIT)
        .until(
            () ->
                Files.exists(HOOKS.resolve("cb-" + id + "-cb1.txt"))
                    && Files.exists(HOOKS.resolve("cb-" + id + "-cb2.txt")));
    List<String> cb1 = Files.readAllLines(HOOKS.resolve("cb-" + id + "-cb1.txt"));
    List<String> cb2 = Files.readAllLines(HOOKS.resolve("cb-" + id + "-cb2.txt"));
    String url = cb1.get(0);
    String token = cb1.get(1);
    assertThat(url).startsWith("http://127.0.0.1:" + port + "/callbacks/hook-runs/");

    assertThat(callback(url, "{\"status\":\"waiting\"}", "wrong").status()).isEqualTo(403);
    assertThat(callback(cb2.get(0), "{\"status\":\"waiting\"}", token).status()).isEqualTo(403);
    assertThat(http.send("PUT", url, "{}", null, null).status()).isEqualTo(403);

    Response tooLong = callback(url, "{\"status\":\"" + "s".repeat(5000) + "\"}", token);
    assertThat(tooLong.status()).as(tooLong.text()).isEqualTo(400);
    assertThat(tooLong.body().path("detail").asText())
        .isEqualTo("status: 5000 characters, more than the 4000 allowed");
    Response progress =
        callback(
            url,
            """
        {"status":"waiting","statusCode":7,"stepsCompleted":["half"],
         "attributes":{"progress":"50%","moab":{"job":"x"}}}""",
            token);
    assertThat(progress.status()).as(progress.text()).isEqualTo(200);
    JsonNode service = http.get("/mws/rest/services/" + id).body();
    assertThat(service.path("statusCode").asLong()).isEqualTo(7);
    assertThat(service.path("attributes").path("progress").asText()).isEqualTo("50%");
    assertThat(service.path("attributes").path("moab").path("job").isMissingNode()).isTrue();
    assertThat(service.path("stepsCompleted").toString()).contains("half");

    assertThat(callback(url, "{\"status\":\"succeeded\"}", token).status()).isEqualTo(200);
    assertThat(callback(url, "{\"status\":\"waiting\"}", token).status()).isEqualTo(403);
    String cb1Id = url.substring(url.lastIndexOf('/') + 1);
    assertThat(http.get("/mws/rest/services/hooks/running/" + cb1Id).body().path("status").asText())
        .isEqualTo("SUCCEEDED");

    String cb2Id = cb2.get(0).substring(cb2.get(0).lastIndexOf('/') + 1);
    assertThat(runs).extracting(r -> r.path("id").asText()).contains(cb1Id, cb2Id);
    Response set =
        http.put(
            "/mws/rest/services/hooks/running/" + cb2Id + "?change-mode=set",
            "{\"status\":\"succeeded\"}");
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.body().path("status").asText()).isEqualTo("SUCCEEDED");
    Response again =
        http.put(
            "/mws/rest/services/hooks/running/" + cb2Id + "?change-mode=set",
            "{\"status\":\"succeeded\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("messages").get(0).asText()).contains("WAITING");
    assertThat(callback(cb2.get(0), "{\"status\":\"failed\"}", cb2.get(1)).status()).isEqualTo(403);
  }

  @Test
  void shouldListRunningHooksWithQuerySortAndPaging() {
    String id =
        createService(
            """
        [{"name":"one","transition":"submit","url":"exec://ok.sh"},
         {"name":"two","transition":"accept","url":"exec://ok.sh"},
         {"name":"three","transition":"deploy","url":"exec://ok.sh"}]""");
    awaitRuns(id, 3, "SUCCEEDED");

    String query = HooksHttp.encode("{\"serviceId\":\"" + id + "\",\"status\":\"SUCCEEDED\"}");
    Response page =
        http.get(
            "/mws/rest/services/hooks/running?query="
                + query
                + "&sort="
                + HooksHttp.encode("{\"name\":-1}")
                + "&max=2&offset=1");

    assertThat(page.status()).as(page.text()).isEqualTo(200);
    assertThat(page.body().path("totalCount").asInt()).isEqualTo(3);
    assertThat(page.body().path("resultCount").asInt()).isEqualTo(2);
    assertThat(page.body().path("results"))
        .extracting(r -> r.path("name").asText())
        .containsExactly("three", "one");
    JsonNode run = page.body().path("results").get(0);
    for (String field :
        List.of(
            "definitionId",
            "serviceId",
            "globalHook",
            "processId",
            "exitCode",
            "standardOutput",
            "standardError",
            "startDate",
            "endDate",
            "status",
            "timeoutInSeconds",
            "version",
            "id")) {
      assertThat(run.has(field)).as(field).isTrue();
    }
    assertThat(
            http.get("/mws/rest/services/hooks/running?query=" + HooksHttp.encode("{\"nope\":1}"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void shouldRefuseDefinitionsThatEscapeTheHooksDirectoryOrNameUnknownThings() throws IOException {
    Path outside = Files.createTempFile("pk-outside-", ".sh");
    Files.deleteIfExists(HOOKS.resolve("link.sh"));
    Files.createSymbolicLink(HOOKS.resolve("link.sh"), outside);
    assertRefused(
        "{\"name\":\"x\",\"transition\":\"submit\",\"url\":\"exec:///../etc/passwd\"}", "url:");
    assertRefused("{\"name\":\"x\",\"transition\":\"submit\",\"url\":\"exec://../x.sh\"}", "url:");
    assertRefused("{\"name\":\"x\",\"transition\":\"submit\",\"url\":\"exec://link.sh\"}", "url:");
    assertRefused("{\"name\":\"x\",\"transition\":\"submit\",\"url\":\"http://h/x\"}", "url:");
    assertRefused("{\"name\":\"x\",\"transition\":\"submit\"}", "url:");
    assertRefused(
        "{\"name\":\"x\",\"transition\":\"launch\",\"url\":\"exec://ok.sh\"}", "transition:");
    assertRefused(
        "{\"name\":\"x\",\"nextPhase\":\"flying\",\"url\":\"exec://ok.sh\"}", "nextPhase:");
    assertRefused("{\"name\":\"x\",\"url\":\"exec://ok.sh\"}", "currentPhase:");
    assertRefused(
        "{\"name\":\"x\",\"type\":\"during\",\"transition\":\"submit\",\"url\":\"exec://ok.sh\"}",
        "type:");
    assertRefused(
        "{\"name\":\"x\",\"kind\":\"robot\",\"transition\":\"submit\",\"url\":\"exec://ok.sh\"}",
        "kind:");

    Response service =
        http.post(
            "/mws/rest/services",
            """
        {"tenant":{"name":"T1"},"name":"bad","type":"vm","hookDefinitions":[
          {"name":"x","transition":"submit","url":"exec:///opt/mws/spool/hooks/../../x.sh"}]}""");
    assertThat(service.status()).isEqualTo(400);
    assertThat(service.body().path("messages").get(0).asText())
        .startsWith("hookDefinitions[0].url:");
  }

  @Test
  void shouldCreateChangeAndDeleteGlobalDefinitions() {
    String name = "g-" + UUID.randomUUID().toString().substring(0, 8);
    Response created =
        http.post(
            "/mws/rest/services/hooks/global-definitions",
            """
        {"name":"%s","type":"after","kind":"cluster","currentPhase":"analyzing",
         "transition":"accept","nextPhase":"deploying",
         "url":"exec:///opt/mws/spool/hooks/audit.pl","timeoutInSeconds":3000}"""
                .formatted(name));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.body().path("id").asText();
    assertThat(created.body().path("global").asBoolean()).isTrue();
    assertThat(created.body().path("includeServiceAsBody").asBoolean()).isFalse();

    Response added =
        http.put(
            "/mws/rest/services/hooks/" + name + "/global-definitions?change-mode=add",
            "{\"includeServiceAsBody\":true}");
    assertThat(added.body().path("includeServiceAsBody").asBoolean()).as(added.text()).isTrue();
    assertThat(added.body().path("timeoutInSeconds").asInt()).isEqualTo(3000);
    Response removed =
        http.put(
            "/mws/rest/services/hooks/" + id + "/global-definitions?change-mode=remove",
            "{\"currentPhase\":\"\"}");
    assertThat(removed.body().path("currentPhase").asText()).as(removed.text()).isEmpty();
    Response set =
        http.put(
            "/mws/rest/services/hooks/" + id + "/global-definitions?change-mode=set",
            """
        {"name":"%s","kind":"cluster","nextPhase":"deployed","url":"exec://ok.sh"}"""
                .formatted(name));
    assertThat(set.body().path("transition").asText()).as(set.text()).isEmpty();
    assertThat(set.body().path("timeoutInSeconds").asInt()).isEqualTo(900);
    assertThat(http.get("/mws/rest/services/hooks/global-definitions").body().path("results"))
        .anySatisfy(d -> assertThat(d.path("id").asText()).isEqualTo(id));

    Response gone =
        http.put(
            "/mws/rest/services?change-mode=remove",
            "{\"hookDefinitions\":[{\"id\":\"" + id + "\"}]}");
    assertThat(gone.status()).as(gone.text()).isEqualTo(200);
    assertThat(http.delete("/mws/rest/services/hooks/global-definitions/" + id).status())
        .isEqualTo(404);
  }

  @Test
  void shouldRunTheMoabDocumentsAbsoluteExecUrlsFromTheHooksDirectory() {
    script("myScript.pl", "echo '{\"status\":\"succeeded\",\"output\":\"hello world!\"}'");
    script("audit.sh", "echo '{\"status\":\"succeeded\"}'");
    String id =
        createService(
            """
        [{"name":"myHook","transition":"submit","type":"after","url":"exec:///myScript.pl"},
         {"name":"audit","transition":"submit","type":"after","url":"exec:///audit.sh"}]""");

    List<JsonNode> runs = awaitRuns(id, 2, "SUCCEEDED");

    assertThat(runs)
        .extracting(
            r -> r.path("name").asText() + ":" + r.path("standardOutput").path("status").asText())
        .containsExactlyInAnyOrder("myHook:succeeded", "audit:succeeded");
  }

  private void assertRefused(String definition, String field) {
    Response response = http.post("/mws/rest/services/hooks/global-definitions", definition);
    assertThat(response.status()).as(definition + " -> " + response.text()).isEqualTo(400);
    assertThat(response.body().path("messages").get(0).asText())
        .as(response.text())
        .startsWith(field);
  }

  private Response callback(String url, String body, String token) {
    return http.send("PUT", url, body, "Authorization", "Bearer " + token);
  }

  private boolean serviceIsDeployed(String id) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                "Deployed"
                    .equalsIgnoreCase(
                        http.get("/mws/rest/services/" + id).body().path("phase").asText()));
    return true;
  }

  private List<JsonNode> awaitRuns(String serviceId, int count, String status) {
    return await()
        .atMost(WAIT)
        .until(
            () -> runs(serviceId),
            runs ->
                runs.size() == count
                    && runs.stream().allMatch(r -> status.equals(r.path("status").asText())));
  }

  private List<JsonNode> runs(String serviceId) {
    return HookTesting.runs(http, serviceId);
  }

  private String createService(String hookDefinitions) {
    return createService(
        "svc-" + UUID.randomUUID().toString().substring(0, 8), hookDefinitions, "{}");
  }

  private String createService(String name, String hookDefinitions, String attributes) {
    Response created =
        http.post(
            "/mws/rest/services",
            """
        {"tenant":{"name":"T1"},"name":"%s","type":"vm","attributes":%s,"hookDefinitions":%s}"""
                .formatted(name, attributes, hookDefinitions));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Response service = http.get("/mws/rest/services/" + created.body().path("name").asText());
    assertThat(service.status()).as(service.text()).isEqualTo(200);
    return service.body().path("id").asText();
  }

  static void script(String name, String body) {
    HookTesting.script(HOOKS, name, body);
  }
}
