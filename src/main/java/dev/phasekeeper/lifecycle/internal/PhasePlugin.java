package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.LifecycleProperties;
import dev.phasekeeper.lifecycle.PhaseEntryChecks;
import org.springframework.beans.factory.ObjectProvider;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Adds the {@link PhaseParseListener} to the engine; the starter picks this bean up. */
@Component
class PhasePlugin extends AbstractProcessEnginePlugin {

  private final LifecycleProperties vocabulary;
  private final PhaseRecorder recorder;
  private final EntryGate gate;

  /** The checks come from a feature that needs the engine itself, hence the provider. */
  PhasePlugin(LifecycleProperties vocabulary, PhaseRecorder recorder, SubjectRepository subjects,
      ObjectProvider<PhaseEntryChecks> checks) {
    this.vocabulary = vocabulary;
    this.recorder = recorder;
    this.gate = new EntryGate(subjects, recorder, checks);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners()
        .add(new PhaseParseListener(vocabulary, recorder, gate));
  }
}
