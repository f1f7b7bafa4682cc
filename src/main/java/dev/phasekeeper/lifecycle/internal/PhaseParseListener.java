package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.LifecycleProperties;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads the lifecycle annotations of every BPMN element at deployment and attaches the listeners
 * that record phase changes. A name outside the vocabulary fails the deployment.
 */
class PhaseParseListener extends AbstractBpmnParseListener {

  private final LifecycleProperties vocabulary;
  private final PhaseRecorder recorder;

  PhaseParseListener(LifecycleProperties vocabulary, PhaseRecorder recorder) {
    this.vocabulary = vocabulary;
    this.recorder = recorder;
  }

  @Override
  public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl flow) {
    LifecycleAnnotations annotations = validated(element);
    if (annotations.phase() != null) {
      throw invalid(element, "a sequence flow cannot be a phase; put phase=" + annotations.phase()
          + " on the element the flow leads to");
    }
    if (annotations.transition() != null) {
      flow.addListener(ExecutionListener.EVENTNAME_TAKE,
          new TransitionTakeListener(annotations.transition()));
    }
  }

  @Override public void parseStartEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseExclusiveGateway(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseInclusiveGateway(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseParallelGateway(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseEventBasedGateway(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseScriptTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseServiceTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseBusinessRuleTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseManualTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseUserTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseSendTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseReceiveTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseEndEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseSubProcess(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseCallActivity(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseTransaction(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseIntermediateThrowEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseIntermediateCatchEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseBoundaryEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }

  private void annotate(Element element, ActivityImpl activity) {
    LifecycleAnnotations annotations = validated(element);
    if (annotations.isEmpty()) {
      return;
    }
    ExecutionListener listener = annotations.phase() == null
        ? new TransitionTakeListener(annotations.transition())
        : new PhaseEntryListener(annotations.phase(), annotations.transition(), recorder);
    // first, so that listeners declared in the BPMN see the new phase already
    activity.addListener(ExecutionListener.EVENTNAME_START, listener, 0);
  }

  private LifecycleAnnotations validated(Element element) {
    LifecycleAnnotations annotations = LifecycleAnnotations.of(element);
    if (annotations.phase() != null && !vocabulary.isPhase(annotations.phase())) {
      throw invalid(element, "phase '" + annotations.phase() + "' is not a known phase (known: "
          + String.join(", ", vocabulary.phases()) + ")");
    }
    if (annotations.transition() != null && !vocabulary.isTransition(annotations.transition())) {
      throw invalid(element, "transition '" + annotations.transition()
          + "' is not a known transition (known: " + String.join(", ", vocabulary.transitions())
          + ")");
    }
    return annotations;
  }

  private static ProcessEngineException invalid(Element element, String problem) {
    return new ProcessEngineException("LIFECYCLE-001 BPMN element '" + element.attribute("id")
        + "' (line " + element.getLine() + "): " + problem);
  }
}
