package dev.phasekeeper.lifecycle.internal.engine;

import dev.phasekeeper.lifecycle.LifecycleProperties;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads the lifecycle annotations of every BPMN element at deployment and attaches what records
 * phase changes: a {@link TransitionTakeListener} on each annotated transition and a {@link
 * PhaseEntryListener} on each phase element. A name outside the vocabulary fails the deployment. In
 * a process with an asynchronous continuation anywhere, the transitions are stored until their
 * phase is entered, so a job in between loses none.
 */
class PhaseParseListener extends AbstractBpmnParseListener {

  /** The phase value that returns a subject to the phase it was in before (after blocked). */
  static final String PREVIOUS = "previous";

  private final LifecycleProperties vocabulary;
  private final PhaseEntryRecorder recorder;

  PhaseParseListener(LifecycleProperties vocabulary, PhaseEntryRecorder recorder) {
    this.vocabulary = vocabulary;
    this.recorder = recorder;
  }

  @Override
  public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl flow) {
    LifecycleAnnotations annotations = validated(element);
    if (annotations.phase() != null) {
      throw invalid(
          element,
          "a sequence flow cannot be a phase; put phase="
              + annotations.phase()
              + " on the element the flow leads to");
    }
    if (annotations.transition() != null) {
      flow.addListener(
          ExecutionListener.EVENTNAME_TAKE, new TransitionTakeListener(annotations.transition()));
    }
  }

  @Override
  public void parseStartEvent(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseExclusiveGateway(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseInclusiveGateway(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseParallelGateway(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseEventBasedGateway(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseScriptTask(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseServiceTask(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseBusinessRuleTask(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseTask(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseManualTask(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseUserTask(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseSendTask(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseReceiveTask(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseEndEvent(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseSubProcess(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseCallActivity(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseTransaction(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseIntermediateThrowEvent(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseIntermediateCatchEvent(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  @Override
  public void parseBoundaryEvent(Element e, ScopeImpl s, ActivityImpl a) {
    annotate(e, a);
  }

  private void annotate(Element element, ActivityImpl activity) {
    LifecycleAnnotations annotations = validated(element);
    if (annotations.isEmpty()) {
      return;
    }
    if (annotations.phase() == null) {
      activity.addListener(
          ExecutionListener.EVENTNAME_START,
          new TransitionTakeListener(annotations.transition()),
          0);
      return;
    }
    String phase = PREVIOUS.equals(annotations.phase()) ? null : annotations.phase();
    activity.addListener(
        ExecutionListener.EVENTNAME_START,
        new PhaseEntryListener(phase, annotations.transition(), recorder),
        0);
  }

  /**
   * Called once every element of the file is parsed: where any element continues asynchronously,
   * every transition of the definition is stored until its phase is entered, and a call of the
   * process stores the caller's pending transition on start.
   */
  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> definitions) {
    for (ProcessDefinitionEntity definition : definitions) {
      if (continuesAsynchronously(definition)) {
        storeTransitions(definition);
        if (definition.getInitial() != null) {
          definition
              .getInitial()
              .addListener(ExecutionListener.EVENTNAME_START, new CallerTransitionAdopter(), 0);
        }
      }
    }
  }

  private static boolean continuesAsynchronously(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.isAsyncBefore()
          || activity.isAsyncAfter()
          || continuesAsynchronously(activity)) {
        return true;
      }
    }
    return false;
  }

  private static void storeTransitions(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      activity.getListeners(ExecutionListener.EVENTNAME_START).forEach(PhaseParseListener::store);
      for (PvmTransition outgoing : activity.getOutgoingTransitions()) {
        ((TransitionImpl) outgoing)
            .getListeners(ExecutionListener.EVENTNAME_TAKE)
            .forEach(PhaseParseListener::store);
      }
      storeTransitions(activity);
    }
  }

  private static void store(Object listener) {
    if (listener instanceof TransitionTakeListener take) {
      take.storeAcrossWaits();
    }
  }

  private LifecycleAnnotations validated(Element element) {
    LifecycleAnnotations annotations = LifecycleAnnotations.of(element);
    if (annotations.phase() != null
        && !PREVIOUS.equals(annotations.phase())
        && !vocabulary.isPhase(annotations.phase())) {
      throw invalid(
          element,
          "phase '"
              + annotations.phase()
              + "' is not a known phase (known: "
              + String.join(", ", vocabulary.phases())
              + ", or "
              + PREVIOUS
              + " to return to the phase before)");
    }
    if (annotations.transition() != null && !vocabulary.isTransition(annotations.transition())) {
      throw invalid(
          element,
          "transition '"
              + annotations.transition()
              + "' is not a known transition (known: "
              + String.join(", ", vocabulary.transitions())
              + ")");
    }
    return annotations;
  }

  private static ProcessEngineException invalid(Element element, String problem) {
    return new ProcessEngineException(
        "LIFECYCLE-001 BPMN element '"
            + element.attribute("id")
            + "' (line "
            + element.getLine()
            + "): "
            + problem);
  }
}
