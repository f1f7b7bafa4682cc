package dev.phasekeeper.bench;

import java.nio.file.Path;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A lifecycle model the raw engine runs: the shipped BPMN, or the same job in its minimal shape, so
 * the benchmark can tell the weight of the model from the cost of Phasekeeper's own code.
 *
 * @param name what the results call it
 * @param processKey the key the runs start
 * @param terminatedEndId the end event a terminated lifecycle ends in
 * @param model the BPMN to deploy
 */
record LifecycleShape(
    String name, String processKey, String terminatedEndId, BpmnModelInstance model) {

  static final String TOPIC = "phasekeeper-step";

  /** The shipped lifecycle, read from {@code processes/}. */
  static LifecycleShape shipped(Path bpmn) {
    return new LifecycleShape(
        "shipped", "service-lifecycle", "End_Terminated", Bpmn.readModelFromFile(bpmn.toFile()));
  }

  /**
   * The minimal shape of the same job: start, {@code analyze} and {@code deploy} as external tasks,
   * wait for {@code terminate}, {@code clean} as an external task, end. One scope, one message
   * subscription, no timers, no gateways.
   */
  static LifecycleShape minimal() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("minimal-lifecycle")
            .camundaHistoryTimeToLive(180)
            .startEvent("Start_Submitted")
            .serviceTask("Task_Analyze")
            .camundaExternalTask(TOPIC)
            .camundaInputParameter("step", "analyze")
            .serviceTask("Task_Deploy")
            .camundaExternalTask(TOPIC)
            .camundaInputParameter("step", "deploy")
            .intermediateCatchEvent("Event_Terminate")
            .message("terminate")
            .serviceTask("Task_Clean")
            .camundaExternalTask(TOPIC)
            .camundaInputParameter("step", "clean")
            .endEvent("End_Terminated")
            .done();
    return new LifecycleShape("minimal", "minimal-lifecycle", "End_Terminated", model);
  }
}
