package dev.phasekeeper.bench;

import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.diagnostics.CommandCounter;
import org.camunda.bpm.engine.impl.diagnostics.DiagnosticsRegistry;

/**
 * How many engine commands of each kind a run executed, from the engine's own command counter:
 * fetch-and-lock calls per completed task show how often workers asked for nothing.
 */
final class CommandCounts {

  private final ProcessEngine engine;
  private final Map<String, Long> start;

  CommandCounts(ProcessEngine engine) {
    this.engine = engine;
    this.start = counts();
  }

  /** Commands run since this was made, per item, the most frequent first in name order. */
  Map<String, Double> perItem(int items) {
    Map<String, Double> per = new TreeMap<>();
    counts()
        .forEach(
            (name, count) -> {
              long used = count - start.getOrDefault(name, 0L);
              if (used > 0) {
                per.put(name, Math.round(used * 100.0 / items) / 100.0);
              }
            });
    return per;
  }

  private Map<String, Long> counts() {
    DiagnosticsRegistry registry =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getDiagnosticsRegistry();
    Map<String, Long> counts = new TreeMap<>();
    if (registry != null) {
      for (CommandCounter counter : registry.getCommands().values()) {
        counts.put(counter.getName(), counter.get());
      }
    }
    return counts;
  }
}
