package dev.phasekeeper.lifecycle.workers;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * Processes the worker tests drive: a start event, external tasks of one topic one after the other
 * (each with the local variable {@code step=probe}), an end event. Deployed once per engine; the
 * process key is the topic.
 */
final class ProbeProcesses {

  private ProbeProcesses() {}

  static void deployOnce(RepositoryService repository, String topic, String... activities) {
    if (repository.createProcessDefinitionQuery().processDefinitionKey(topic).count() > 0) {
      return;
    }
    AbstractFlowNodeBuilder<?, ?> flow =
        Bpmn.createExecutableProcess(topic).camundaHistoryTimeToLive(1).startEvent();
    for (String activity : activities) {
      flow =
          flow.serviceTask(activity)
              .camundaExternalTask(topic)
              .camundaInputParameter("step", "probe");
    }
    repository
        .createDeployment()
        .addModelInstance(topic + ".bpmn", flow.endEvent().done())
        .deploy();
  }
}
