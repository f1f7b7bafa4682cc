package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.PhaseHistoryEntry;
import dev.phasekeeper.security.Caller;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every path of service-lifecycle.bpmn, driven by hand: the workers are off, so each step is
 * completed or failed here, and timers are executed as jobs.
 */
@SpringBootTest(properties = "phasekeeper.workers.threads=0")
class ServiceLifecycleProcessTest {

  private static final Caller ADMIN = new Caller("admin", null, true);
  private static final String WORKER = "test-worker";

  @Autowired ProcessEngine engine;
  @Autowired ServiceCreation creation;
  @Autowired ServiceOperations operations;
  @Autowired ServiceReader reader;
  @Autowired Lifecycle lifecycle;
  @Autowired ObjectMapper json;

  private RuntimeService runtime;
  private ExternalTaskService tasks;

  @BeforeEach
  void init() {
    AbstractAssertions.init(engine);
    runtime = engine.getRuntimeService();
    tasks = engine.getExternalTaskService();
  }

  @Test
  void shouldRunFromSubmitToDeployedAndOnToTerminated() throws Exception {
    String id = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"plain\",\"type\":\"vm\"}");
    ProcessInstance pi = instance(id);
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Analyze");
    assertThat(phase(id)).isEqualTo("analyzing");

    completeStep(pi, "analyze", Map.of());
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Deploy");
    completeStep(pi, "deploy", Map.of());
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_DeployedIndefinitely");
    assertThat(phase(id)).isEqualTo("deployed");

    operations.terminate(id, ADMIN);
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Clean");
    assertThat(phase(id)).isEqualTo("cleaning");
    completeStep(pi, "clean", Map.of());
    BpmnAwareTests.assertThat(pi).isEnded();
    assertThat(phase(id)).isEqualTo("terminated");

    assertThat(transitions(id))
        .containsExactly(
            "null->defining",
            "defining-submit->analyzing",
            "analyzing-accept->deploying",
            "deploying-deploy->deployed",
            "deployed-terminate->cleaning",
            "cleaning-clean->terminated");

    operations.delete(id, false, ADMIN);
    assertThat(phase(id)).isEqualTo("deleted");
    assertThat(transitions(id)).last().isEqualTo("terminated-purge->deleted");
  }

  @Test
  void shouldRejectWhenAnalysisSaysSo() {
    String id = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"refused\",\"type\":\"vm\"}");
    ProcessInstance pi = instance(id);
    completeStep(pi, "analyze", Map.of("outcome", "reject"));
    BpmnAwareTests.assertThat(pi).isEnded();
    assertThat(phase(id)).isEqualTo("rejected");
  }

  @Test
  void shouldWaitInReservedUntilTheStartDate() {
    String id =
        create(
            "{\"tenant\":{\"name\":\"p1\"},\"startDateRequested\":\"2999-01-01 00:00:00"
                + " UTC\",\"name\":\"later\",\"type\":\"vm\"}");
    ProcessInstance pi = instance(id);
    completeStep(pi, "analyze", Map.of());
    BpmnAwareTests.assertThat(pi).isWaitingAt("Event_Reserved");
    assertThat(phase(id)).isEqualTo("reserved");
    execute(job());
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Deploy");
    assertThat(transitions(id)).contains("reserved-deploy->deploying");
  }

  @Test
  void shouldExpireWhenTheDurationHasElapsed() {
    String id =
        create(
            "{\"tenant\":{\"name\":\"p1\"},\"durationRequested\":3600,"
                + "\"name\":\"short\",\"type\":\"vm\"}");
    ProcessInstance pi = instance(id);
    completeStep(pi, "analyze", Map.of());
    completeStep(pi, "deploy", Map.of());
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Deployed");
    execute(job());
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Clean");
    assertThat(transitions(id)).contains("deployed-expire->cleaning");
  }

  @Test
  void shouldLetCockpitFindTheLifecycleByTheServiceName() {
    String id = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"hello\",\"type\":\"vm\"}");
    String name = reader.render(reader.find(id, ADMIN)).path("name").asText();
    assertThat(name).startsWith("hello.");

    List<VariableInstance> variables =
        runtime
            .createVariableInstanceQuery()
            .variableValueEquals(Lifecycle.SUBJECT_NAME, name)
            .list();

    assertThat(variables)
        .singleElement()
        .extracting(VariableInstance::getProcessInstanceId)
        .isEqualTo(instance(id).getId());
    assertThat(
            runtime.getVariables(
                instance(id).getId(), List.of(Lifecycle.SUBJECT_KIND, Lifecycle.SUBJECT_TENANT)))
        .containsEntry(Lifecycle.SUBJECT_KIND, "service")
        .containsEntry(Lifecycle.SUBJECT_TENANT, lifecycle.find(id).orElseThrow().tenantId());
  }

  @Test
  void shouldFollowTheServiceToAnotherTenantInItsLifecycleVariables() throws Exception {
    create("{\"tenant\":{\"name\":\"p2\"},\"name\":\"elsewhere\",\"type\":\"vm\"}");
    String id = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"box\",\"type\":\"container\"}");

    operations.modify(id, json.readTree("{\"tenant\":{\"name\":\"p2\"}}"), null, null, ADMIN);

    String moved = lifecycle.find(id).orElseThrow().tenantId();
    assertThat(reader.render(reader.find(id, ADMIN)).path("tenant").path("name").asText())
        .isEqualTo("p2");
    assertThat(runtime.getVariable(instance(id).getId(), Lifecycle.SUBJECT_TENANT))
        .isEqualTo(moved);
  }

  @Test
  void shouldBlockOnAFailedStepAndRetryItOnUnblock() {
    String id = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"flaky\",\"type\":\"vm\"}");
    ProcessInstance pi = instance(id);
    completeStep(pi, "analyze", Map.of());
    failStep(pi, "deploy");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Call_DeployBlocked");
    assertThat(phase(id)).isEqualTo("blocked");
    JsonNode doc = reader.render(reader.find(id, ADMIN));
    assertThat(doc.path("blockedReason").path("step").asText()).isEqualTo("deploy");
    assertThat(doc.path("blockedSince").asText()).endsWith("UTC");

    List<String> actions = operations.unblock(id, false, ADMIN);
    assertThat(actions).singleElement().asString().contains("requeued failed step 'deploy'");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Deploy");
    assertThat(transitions(id)).contains("deploying-block->blocked", "blocked-unblock->deploying");
    assertThat(reader.render(reader.find(id, ADMIN)).has("blockedReason")).isFalse();
  }

  @Test
  void shouldSkipTheFailedStepOnUnblockWithSkip() {
    String id = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"skipper\",\"type\":\"vm\"}");
    ProcessInstance pi = instance(id);
    completeStep(pi, "analyze", Map.of());
    failStep(pi, "deploy");
    operations.unblock(id, true, ADMIN);
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_DeployedIndefinitely");
    List<PhaseHistoryEntry> history = lifecycle.history(id);
    assertThat(history.get(history.size() - 1).note()).isEqualTo("skipped step deploy");
  }

  @Test
  void shouldMigrateAndComeBackOrBlockOnFailure() {
    String id = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"mover\",\"type\":\"vm\"}");
    ProcessInstance pi = instance(id);
    completeStep(pi, "analyze", Map.of());
    completeStep(pi, "deploy", Map.of());
    assertThat(lifecycle.send(id, "migrate", Map.of())).isTrue();
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Migrate");
    assertThat(phase(id)).isEqualTo("migrating");
    completeStep(pi, "migrate", Map.of());
    assertThat(phase(id)).isEqualTo("deployed");
    assertThat(transitions(id)).contains("migrating-migratesuccess->deployed");

    lifecycle.send(id, "migrate", Map.of());
    failStep(pi, "migrate");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Call_MigrateBlocked");
    assertThat(transitions(id)).contains("migrating-migratefail->blocked");
  }

  @Test
  void shouldTerminateFromEveryActivePhase() {
    String analyzing = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"t1\",\"type\":\"vm\"}");
    operations.terminate(analyzing, ADMIN);
    assertThat(phase(analyzing)).isEqualTo("cleaning");

    String reserved =
        create(
            "{\"tenant\":{\"name\":\"p1\"},\"startDateRequested\":"
                + "\"2999-01-01 00:00:00 UTC\",\"name\":\"t2\",\"type\":\"vm\"}");
    completeStep(instance(reserved), "analyze", Map.of());
    operations.terminate(reserved, ADMIN);
    assertThat(transitions(reserved)).contains("reserved-terminate->cleaning");

    String blocked = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"t3\",\"type\":\"vm\"}");
    failStep(instance(blocked), "analyze");
    operations.terminate(blocked, ADMIN);
    assertThat(transitions(blocked)).contains("blocked-terminate->cleaning");
  }

  @Test
  void shouldBlockWhenCleaningFailsAndFinishOnUnblock() {
    String id = create("{\"tenant\":{\"name\":\"p1\"},\"name\":\"sticky\",\"type\":\"vm\"}");
    ProcessInstance pi = instance(id);
    operations.terminate(id, ADMIN);
    failStep(pi, "clean");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Call_CleanBlocked");
    operations.unblock(id, false, ADMIN);
    completeStep(pi, "clean", Map.of());
    assertThat(phase(id)).isEqualTo("terminated");
  }

  @Test
  void shouldDeployAContainerAfterItsChildrenAndChildrenAfterTheirDependencies() {
    String top =
        create(
            "{\"tenant\":{\"name\":\"p1\"},\"data\":["
                + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"db\",\"app\"],"
                + "\"attributes\":{\"moab\":{\"dependencies\":[{\"service\":\"app\",\"dependency\":[\"db\"]}]}}},"
                + "{\"name\":\"db\",\"type\":\"storage\"},{\"name\":\"app\",\"type\":\"vm\"}]}");
    String db = reader.find(nameOf(top).replace("box", "db"), ADMIN).id();
    String app = reader.find(nameOf(top).replace("box", "app"), ADMIN).id();
    for (String id : List.of(top, db, app)) {
      completeStep(instance(id), "analyze", Map.of());
    }
    BpmnAwareTests.assertThat(instance(app)).isWaitingAt("Event_AwaitDependencies");
    BpmnAwareTests.assertThat(instance(top)).isWaitingAt("Event_AwaitDependencies");
    completeStep(instance(db), "deploy", Map.of());
    BpmnAwareTests.assertThat(instance(app)).isWaitingAt("Task_Deploy");
    BpmnAwareTests.assertThat(instance(top)).isWaitingAt("Event_AwaitDependencies");
    completeStep(instance(app), "deploy", Map.of());
    BpmnAwareTests.assertThat(instance(top)).isWaitingAt("Task_Deploy");
    completeStep(instance(top), "deploy", Map.of());
    assertThat(phase(top)).isEqualTo("deployed");

    operations.terminate(top, ADMIN);
    BpmnAwareTests.assertThat(instance(top)).isWaitingAt("Event_AwaitDependants");
    BpmnAwareTests.assertThat(instance(db)).isWaitingAt("Event_AwaitDependants");
    BpmnAwareTests.assertThat(instance(app)).isWaitingAt("Task_Clean");
    completeStep(instance(app), "clean", Map.of());
    BpmnAwareTests.assertThat(instance(db)).isWaitingAt("Task_Clean");
    completeStep(instance(db), "clean", Map.of());
    BpmnAwareTests.assertThat(instance(top)).isWaitingAt("Task_Clean");
    completeStep(instance(top), "clean", Map.of());
    assertThat(phase(top)).isEqualTo("terminated");
  }

  private String create(String body) {
    try {
      String location = creation.create(json.readTree(body), ADMIN, null).location();
      return reader.find(location.substring(ServiceCreation.LOCATION.length()), ADMIN).id();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private String nameOf(String id) {
    return reader.find(id, ADMIN).name();
  }

  private ProcessInstance instance(String id) {
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(id)
        .processDefinitionKey(ServiceCreation.PROCESS)
        .singleResult();
  }

  private String phase(String id) {
    return lifecycle.find(id).orElseThrow().phase();
  }

  private List<String> transitions(String id) {
    return lifecycle.history(id).stream()
        .map(
            h ->
                (h.fromPhase() == null ? "null" : h.fromPhase())
                    + (h.transition() == null ? "" : "-" + h.transition())
                    + "->"
                    + h.toPhase())
        .toList();
  }

  private LockedExternalTask lockStep(ProcessInstance pi, String step) {
    List<LockedExternalTask> locked =
        tasks
            .fetchAndLock(10, WORKER)
            .topic("phasekeeper-step", 60_000)
            .businessKey(pi.getBusinessKey())
            .variables("step")
            .execute();
    assertThat(locked).as("an open step of %s", pi.getBusinessKey()).hasSize(1);
    assertThat(locked.get(0).getVariables().get("step")).isEqualTo(step);
    return locked.get(0);
  }

  private void completeStep(ProcessInstance pi, String step, Map<String, Object> variables) {
    tasks.complete(lockStep(pi, step).getId(), WORKER, variables);
  }

  private void failStep(ProcessInstance pi, String step) {
    tasks.handleBpmnError(
        lockStep(pi, step).getId(),
        WORKER,
        "StepFailed",
        "step failed",
        Map.of("phasekeeperReason", "{\"step\":\"" + step + "\",\"exitCode\":1}"));
  }
}
