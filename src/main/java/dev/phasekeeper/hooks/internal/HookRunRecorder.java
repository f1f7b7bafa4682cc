package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.lifecycle.PhaseChanged;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fires the after hooks of a phase change: for every matching definition a run, written in the
 * engine's transaction of the phase change, so it commits with it or not at all. The transition
 * does not wait for the scripts.
 */
@Component
class HookRunRecorder {

  static final String AFTER = "after";

  private final HookDefinitionRepository definitions;
  private final HookRunStarter starter;

  HookRunRecorder(HookDefinitionRepository definitions, HookRunStarter starter) {
    this.definitions = definitions;
    this.starter = starter;
  }

  @EventListener
  void phaseChanged(PhaseChanged change) {
    HookFiring firing = HookFiring.after(change);
    List<HookDefinition> matching =
        definitions.effective(change.kind().id(), change.subjectId(), AFTER).stream()
            .filter(firing::fires)
            .toList();
    for (int rank = 0; rank < matching.size(); rank++) {
      starter.start(matching.get(rank), firing, rank, null);
    }
  }
}
