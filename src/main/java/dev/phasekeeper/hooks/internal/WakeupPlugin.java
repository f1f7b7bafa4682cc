package dev.phasekeeper.hooks.internal;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Wakes the workers right after the commit of any transaction that entered an external task, so
 * a step or hook starts without a polling delay.
 */
@Component
class WakeupPlugin extends AbstractProcessEnginePlugin {

  private final WorkerWakeup wakeup;

  WakeupPlugin(WorkerWakeup wakeup) {
    this.wakeup = wakeup;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
          String topic = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "topic");
          activity.addListener(ExecutionListener.EVENTNAME_START, wakeAfterCommit(
              topic == null || topic.contains("{") ? WorkerWakeup.ANY_TOPIC : topic));
        }
      }
    });
  }

  /** A topic given by an expression is not known at parse time: every lane looks then. */
  private ExecutionListener wakeAfterCommit(String topic) {
    return execution -> Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, context -> wakeup.signal(topic));
  }
}
