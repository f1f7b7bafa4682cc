package dev.phasekeeper.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Long polling on Camunda's engine REST API still answers a waiting request as soon as a task
 * of its topic is created, while new tasks wake nobody when no request waits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnDemandFetchAndLockHandlerTest {

  static final String TOPIC = "long-poll-probe";
  static final String PROCESS = "long-poll-probe";
  /** Longer than Camunda's 30 s between fetches for a waiting request: only a wake-up is sooner. */
  static final int REQUEST_TIMEOUT_MILLIS = 120_000;

  @LocalServerPort int port;
  @Value("${camunda.bpm.admin-user.id}") String adminId;
  @Value("${camunda.bpm.admin-user.password}") String adminPassword;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  OnDemandFetchAndLockHandler handler;

  @BeforeEach
  void deployAndFindTheHandler() {
    if (repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() == 0) {
      repository.createDeployment().addModelInstance(PROCESS + ".bpmn",
          Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
              .startEvent()
              .serviceTask("Probe").camundaExternalTask(TOPIC)
              .endEvent()
              .done()).deploy();
    }
    runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).list().forEach(
        instance -> runtime.deleteProcessInstance(instance.getId(), "left by an earlier run"));
    assertThat(FetchAndLockContextListener.getFetchAndLockHandler())
        .isInstanceOf(OnDemandFetchAndLockHandler.class);
    handler = (OnDemandFetchAndLockHandler) FetchAndLockContextListener.getFetchAndLockHandler();
  }

  @Test
  void shouldListenForNewTasksOnlyWhileARequestWaits() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> !handler.listensForNewTasks());
    runtime.startProcessInstanceByKey(PROCESS, "unawaited");
    assertThat(handler.listensForNewTasks()).as("a task nobody waits for").isFalse();

    // a task created before the request arrived is fetched on its arrival
    JsonNode first = json.readTree(longPoll("waiting-worker").get(10, TimeUnit.SECONDS).body());
    assertThat(first.size()).isEqualTo(1);
    assertThat(first.get(0).path("businessKey").asText()).isEqualTo("unawaited");

    CompletableFuture<HttpResponse<String>> next = longPoll("waiting-worker");
    await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(300))
        .until(() -> !next.isDone() && handler.listensForNewTasks());
    String instance = runtime.startProcessInstanceByKey(PROCESS, "awaited").getId();

    HttpResponse<String> answer = next.get(20, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode tasks = json.readTree(answer.body());
    assertThat(tasks.size()).isEqualTo(1);
    assertThat(tasks.get(0).path("processInstanceId").asText()).isEqualTo(instance);
    assertThat(tasks.get(0).path("workerId").asText()).isEqualTo("waiting-worker");
    await().atMost(Duration.ofSeconds(10)).until(() -> !handler.listensForNewTasks());
  }

  private CompletableFuture<HttpResponse<String>> longPoll(String workerId) {
    String body = """
        {"workerId": "%s", "maxTasks": 1, "asyncResponseTimeout": %d,
         "topics": [{"topicName": "%s", "lockDuration": 10000}]}
        """.formatted(workerId, REQUEST_TIMEOUT_MILLIS, TOPIC);
    String credentials = Base64.getEncoder()
        .encodeToString((adminId + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/engine-rest/external-task/fetchAndLock"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + credentials)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }
}
