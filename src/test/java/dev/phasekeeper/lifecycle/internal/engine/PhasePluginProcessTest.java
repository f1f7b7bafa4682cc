package dev.phasekeeper.lifecycle.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import dev.phasekeeper.lifecycle.LifecycleProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The phase plugin on a bare engine: transitions reach their phase element across asynchronous
 * continuations and into called processes, and a called process's error end event reaches the call
 * activity's boundary event with the variables its output mapping passes back.
 */
class PhasePluginProcessTest {

  private static final List<PhaseEntry> ENTRIES = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder().useProcessEngine(engine()).build();

  @BeforeEach
  void clean() {
    AbstractAssertions.init(ENGINE.getProcessEngine());
    ENTRIES.clear();
  }

  @Test
  void shouldRecordTheTransitionIntoAPhaseElementMarkedAsynchronousBefore() {
    deploy(
        "async-before",
        """
        <bpmn:startEvent id="Start"/>
        <bpmn:sequenceFlow id="Flow_Deploy" sourceRef="Start" targetRef="Task_Deployed">%s
        </bpmn:sequenceFlow>
        <bpmn:receiveTask id="Task_Deployed" camunda:asyncBefore="true">%s
        </bpmn:receiveTask>
        <bpmn:sequenceFlow id="Flow_End" sourceRef="Task_Deployed" targetRef="End"/>
        <bpmn:endEvent id="End"/>"""
            .formatted(transition("deploy"), phase("deployed")));

    ProcessInstance instance = start("async-before");
    assertThat(ENTRIES).isEmpty();
    execute(job(instance));

    assertThat(instance).isWaitingAt("Task_Deployed");
    assertThat(ENTRIES)
        .extracting(PhaseEntry::transition, PhaseEntry::phase)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("deploy", "deployed"));
  }

  @Test
  void shouldRecordTheTransitionLeavingAnElementMarkedAsynchronousAfter() {
    deploy(
        "async-after",
        """
        <bpmn:startEvent id="Start"/>
        <bpmn:sequenceFlow id="Flow_Work" sourceRef="Start" targetRef="Task_Work"/>
        <bpmn:manualTask id="Task_Work" camunda:asyncAfter="true"/>
        <bpmn:sequenceFlow id="Flow_Migrate" sourceRef="Task_Work" targetRef="Event_Migrating">%s
        </bpmn:sequenceFlow>
        <bpmn:intermediateThrowEvent id="Event_Migrating">%s
        </bpmn:intermediateThrowEvent>
        <bpmn:sequenceFlow id="Flow_Wait" sourceRef="Event_Migrating" targetRef="Task_Wait"/>
        <bpmn:receiveTask id="Task_Wait"/>
        <bpmn:sequenceFlow id="Flow_End" sourceRef="Task_Wait" targetRef="End"/>
        <bpmn:endEvent id="End"/>"""
            .formatted(transition("migrate"), phase("migrating")));

    ProcessInstance instance = start("async-after");
    execute(job(instance));

    assertThat(instance).isWaitingAt("Task_Wait");
    assertThat(ENTRIES).extracting(PhaseEntry::transition).containsExactly("migrate");
  }

  @Test
  void shouldStoreNoTransitionWhereNothingIsAsynchronous() {
    deploy(
        "in-one-command",
        """
        <bpmn:startEvent id="Start"/>
        <bpmn:sequenceFlow id="Flow_Deploy" sourceRef="Start" targetRef="Task_Deployed">%s
        </bpmn:sequenceFlow>
        <bpmn:receiveTask id="Task_Deployed">%s
        </bpmn:receiveTask>
        <bpmn:sequenceFlow id="Flow_End" sourceRef="Task_Deployed" targetRef="End"/>
        <bpmn:endEvent id="End"/>"""
            .formatted(transition("deploy"), phase("deployed")));

    start("in-one-command");

    assertThat(ENTRIES).extracting(PhaseEntry::transition).containsExactly("deploy");
    assertThat(
            ENGINE
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .variableName(PhaseEntries.PENDING_TRANSITION)
                .count())
        .isZero();
  }

  @Test
  void shouldBlockInTheSharedProcessAndGoOnThroughTheSkippedBoundaryWithTheNote()
      throws IOException {
    ENGINE
        .getRepositoryService()
        .createDeployment()
        .addString("phase-blocked.bpmn", Files.readString(Path.of("processes/phase-blocked.bpmn")))
        .deploy();
    deploy(
        "blocking",
        """
        <bpmn:startEvent id="Start"/>
        <bpmn:sequenceFlow id="Flow_Block" sourceRef="Start" targetRef="Call_Blocked">%s
        </bpmn:sequenceFlow>
        <bpmn:callActivity id="Call_Blocked" calledElement="phase-blocked">
          <bpmn:extensionElements>
            <camunda:in businessKey="#{execution.processBusinessKey}"/>
            <camunda:out source="phasekeeperNote" target="phasekeeperNote"/>
          </bpmn:extensionElements>
        </bpmn:callActivity>
        <bpmn:boundaryEvent id="Boundary_Skipped" attachedToRef="Call_Blocked">
          <bpmn:errorEventDefinition errorRef="Error_Skipped"/>
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="Flow_Retry" sourceRef="Call_Blocked" targetRef="End_Retried">%s
        </bpmn:sequenceFlow>
        <bpmn:endEvent id="End_Retried">%s
        </bpmn:endEvent>
        <bpmn:sequenceFlow id="Flow_Skip" sourceRef="Boundary_Skipped" targetRef="End_Skipped">%s
        </bpmn:sequenceFlow>
        <bpmn:endEvent id="End_Skipped">%s
        </bpmn:endEvent>"""
            .formatted(
                transition("block"),
                transition("unblock"),
                phase("analyzing"),
                transition("unblock"),
                phase("deploying")));

    ProcessInstance instance =
        ENGINE
            .getRuntimeService()
            .startProcessInstanceByKey(
                "blocking", "subject-1", Map.of(PhaseEntries.REASON, "{\"step\":\"analyze\"}"));
    assertThat(ENTRIES)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.transition()).isEqualTo("block");
              assertThat(entry.phase()).isEqualTo("blocked");
              assertThat(entry.reason()).isEqualTo("{\"step\":\"analyze\"}");
              assertThat(entry.subjectId()).isEqualTo("subject-1");
            });

    ENGINE
        .getRuntimeService()
        .createMessageCorrelation("unblock")
        .processInstanceBusinessKey("subject-1")
        .setVariables(Map.of("skip", true, PhaseEntries.NOTE, "skipped step analyze"))
        .correlateAllWithResult();

    assertThat(instance)
        .isEnded()
        .hasPassed("Boundary_Skipped", "End_Skipped")
        .hasNotPassed("End_Retried");
    assertThat(ENTRIES)
        .last()
        .satisfies(
            entry -> {
              assertThat(entry.transition()).isEqualTo("unblock");
              assertThat(entry.phase()).isEqualTo("deploying");
              assertThat(entry.note()).isEqualTo("skipped step analyze");
            });
  }

  @Test
  void shouldRecordTheCallersTransitionInACalledProcessMarkedAsynchronous() {
    deploy(
        "called-async",
        """
        <bpmn:startEvent id="Start"/>
        <bpmn:sequenceFlow id="Flow_Wait" sourceRef="Start" targetRef="Task_Blocked"/>
        <bpmn:receiveTask id="Task_Blocked" camunda:asyncBefore="true">%s
        </bpmn:receiveTask>
        <bpmn:sequenceFlow id="Flow_End" sourceRef="Task_Blocked" targetRef="End"/>
        <bpmn:endEvent id="End"/>"""
            .formatted(phase("blocked")));
    deploy(
        "calling",
        """
        <bpmn:startEvent id="Start"/>
        <bpmn:sequenceFlow id="Flow_Block" sourceRef="Start" targetRef="Call_Blocked">%s
        </bpmn:sequenceFlow>
        <bpmn:callActivity id="Call_Blocked" calledElement="called-async"/>
        <bpmn:sequenceFlow id="Flow_End" sourceRef="Call_Blocked" targetRef="End"/>
        <bpmn:endEvent id="End"/>"""
            .formatted(transition("block")));

    start("calling");
    execute(ENGINE.getManagementService().createJobQuery().singleResult());

    assertThat(ENTRIES)
        .extracting(PhaseEntry::transition, PhaseEntry::phase)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("block", "blocked"));
  }

  private static ProcessInstance start(String key) {
    return ENGINE.getRuntimeService().startProcessInstanceByKey(key, "subject-1");
  }

  private static void deploy(String key, String elements) {
    ENGINE
        .getRepositoryService()
        .createDeployment()
        .addString(
            key + ".bpmn",
            """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s"
            targetNamespace="https://phasekeeper.dev/test">
          <bpmn:error id="Error_Skipped" name="Skipped" errorCode="Skipped"/>
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            %2$s
          </bpmn:process>
        </bpmn:definitions>"""
                .formatted(key, elements))
        .deploy();
  }

  private static String phase(String name) {
    return property("phase", name);
  }

  private static String transition(String name) {
    return property("transition", name);
  }

  private static String property(String key, String value) {
    return """
        <bpmn:extensionElements><camunda:properties>
          <camunda:property name="%s" value="%s"/>
        </camunda:properties></bpmn:extensionElements>"""
        .formatted(key, value);
  }

  private static ProcessEngine engine() {
    StandaloneInMemProcessEngineConfiguration configuration =
        new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:phase-plugin-" + UUID.randomUUID());
    configuration.setJobExecutorActivate(false);
    configuration.setHistory("full");
    configuration.setProcessEngineName("phase-plugin-test");
    configuration.setProcessEnginePlugins(
        List.of(
            new PhasePlugin(
                new LifecycleProperties(
                    List.of("analyzing", "deploying", "deployed", "blocked", "migrating"),
                    List.of("block", "unblock", "deploy", "migrate")),
                ENTRIES::add)));
    return configuration.buildProcessEngine();
  }
}
