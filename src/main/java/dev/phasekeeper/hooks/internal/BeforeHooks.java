package dev.phasekeeper.hooks.internal;

import dev.phasekeeper.lifecycle.PendingEntry;
import dev.phasekeeper.lifecycle.PhaseEntryChecks;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Before hooks as the lifecycle's entry checks: the matching definitions, by name, each run as
 * a {@code hook-run} instance that the phase element waits for. {@link EntryCheckReports} tells
 * the waiting execution how the run ended.
 */
@Component
class BeforeHooks implements PhaseEntryChecks {

  static final String BEFORE = "before";

  private final HookDefinitionRepository definitions;
  private final HookRunStarter starter;

  BeforeHooks(HookDefinitionRepository definitions, HookRunStarter starter) {
    this.definitions = definitions;
    this.starter = starter;
  }

  @Override
  public boolean anyFor(String subjectId) {
    return definitions.anyOfType(BEFORE, subjectId);
  }

  @Override
  public List<String> checksFor(PendingEntry entry) {
    return matching(entry).stream().map(HookDefinition::name).toList();
  }

  @Override
  public boolean start(PendingEntry entry, String check) {
    Optional<HookDefinition> definition = matching(entry).stream()
        .filter(d -> d.name().equals(check))
        .findFirst();
    definition.ifPresent(d -> starter.start(d, HookFiring.before(entry), 0, entry.executionId()));
    return definition.isPresent();
  }

  private List<HookDefinition> matching(PendingEntry entry) {
    HookFiring firing = HookFiring.before(entry);
    return definitions.effective(firing.kind(), firing.subjectId(), BEFORE).stream()
        .filter(firing::fires)
        .toList();
  }
}
