package dev.phasekeeper.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.rest.dto.externaltask.FetchExternalTasksDto.FetchExternalTaskTopicDto;
import org.camunda.bpm.engine.rest.dto.externaltask.FetchExternalTasksExtendedDto;
import org.camunda.bpm.engine.rest.dto.externaltask.LockedExternalTaskDto;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.camunda.bpm.engine.rest.impl.FetchAndLockRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Long polling answers a waiting request as soon as a task of its topic is created, while new
 * tasks wake nobody when no request waits. The handler under test is one of its own on this
 * test's engine: Camunda keeps the REST API's handler in a static field and shuts it down with
 * the first web application of the JVM, so in a test run of many Spring contexts the REST API's
 * handler may be long gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnDemandFetchAndLockHandlerTest {

  static final String TOPIC = "long-poll-probe";
  static final String PROCESS = TOPIC; // a probe process is keyed by its topic
  /** Longer than Camunda's 30 s between fetches for a waiting request: only a wake-up is sooner. */
  static final long REQUEST_TIMEOUT_MILLIS = 120_000;

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  OnDemandFetchAndLockHandler handler;

  @BeforeEach
  void deployAndStartAHandler() {
    ProbeProcesses.deployOnce(repository, TOPIC, "Probe");
    handler = new OnDemandFetchAndLockHandler() {
      @Override
      protected ProcessEngine getProcessEngine(FetchAndLockRequest request) {
        return engine;
      }
    };
    handler.start();
  }

  @AfterEach
  void stopTheHandler() {
    handler.shutdown();
  }

  @Test
  void shouldBeTheHandlerOfTheEngineRestApi() {
    assertThat(FetchAndLockContextListener.getFetchAndLockHandler())
        .isInstanceOf(OnDemandFetchAndLockHandler.class);
  }

  @Test
  void shouldListenForNewTasksOnlyWhileARequestWaits() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> !handler.listensForNewTasks());
    runtime.startProcessInstanceByKey(PROCESS, "unawaited");
    assertThat(handler.listensForNewTasks()).as("a task nobody waits for").isFalse();

    List<LockedExternalTaskDto> first = longPoll("waiting-worker").get(10, TimeUnit.SECONDS);
    assertThat(first).as("a task created before the request arrived, fetched on arrival")
        .extracting(LockedExternalTaskDto::getBusinessKey).containsExactly("unawaited");

    CompletableFuture<List<LockedExternalTaskDto>> next = longPoll("waiting-worker");
    await().atMost(Duration.ofSeconds(10)).until(handler::listensForNewTasks);
    await("no task yet: the request waits").during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
    String instance = runtime.startProcessInstanceByKey(PROCESS, "awaited").getId();

    List<LockedExternalTaskDto> answer = next.get(20, TimeUnit.SECONDS);
    assertThat(answer).extracting(LockedExternalTaskDto::getProcessInstanceId)
        .containsExactly(instance);
    assertThat(answer.get(0).getWorkerId()).isEqualTo("waiting-worker");
    await().atMost(Duration.ofSeconds(10)).until(() -> !handler.listensForNewTasks());
  }

  @SuppressWarnings("unchecked")
  private CompletableFuture<List<LockedExternalTaskDto>> longPoll(String workerId) {
    FetchExternalTaskTopicDto topic = new FetchExternalTaskTopicDto();
    topic.setTopicName(TOPIC);
    topic.setLockDuration(10_000L);
    FetchExternalTasksExtendedDto request = new FetchExternalTasksExtendedDto();
    request.setWorkerId(workerId);
    request.setMaxTasks(1);
    request.setAsyncResponseTimeout(REQUEST_TIMEOUT_MILLIS);
    request.setTopics(List.of(topic));
    CompletableFuture<List<LockedExternalTaskDto>> answered = new CompletableFuture<>();
    AsyncResponse response = mock(AsyncResponse.class);
    when(response.resume((Object) any())).thenAnswer(call -> {
      answered.complete((List<LockedExternalTaskDto>) call.getArgument(0));
      return true;
    });
    when(response.resume((Throwable) any())).thenAnswer(call ->
        answered.completeExceptionally(call.getArgument(0)));
    handler.addPendingRequest(request, response, engine);
    return answered;
  }
}
