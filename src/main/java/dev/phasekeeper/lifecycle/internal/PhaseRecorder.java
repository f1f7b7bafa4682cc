package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.PhaseChanged;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.lifecycle.internal.engine.PhaseEntry;
import dev.phasekeeper.lifecycle.internal.engine.PhaseEntryRecorder;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes a phase change inside the engine's transaction: the subject's phase, a history row, and
 * the {@link PhaseChanged} event whose listeners (hook runs, dependants) write in the same
 * transaction. All of it commits with the engine's state or none of it does.
 */
@Component
class PhaseRecorder implements PhaseEntryRecorder {

  private static final Logger log = LoggerFactory.getLogger(PhaseRecorder.class);

  private final SubjectRepository subjects;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  PhaseRecorder(SubjectRepository subjects, ApplicationEventPublisher events, Clock clock) {
    this.subjects = subjects;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void enter(PhaseEntry entry) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    SubjectRepository.PhaseMove move =
        subjects
            .movePhase(entry, now)
            .orElseThrow(
                () ->
                    new ProcessEngineException(
                        "LIFECYCLE-002 process instance "
                            + entry.processInstanceId()
                            + " has business key '"
                            + entry.subjectId()
                            + "', which names no subject"));
    Subject subject = move.subject();
    subjects.appendHistory(move.from(), subject.phase(), entry, now);
    log.debug(
        "LIFECYCLE-010 {} {}: {} -{}-> {}",
        subject.kind().id(),
        subject.id(),
        move.from(),
        entry.transition(),
        subject.phase());
    events.publishEvent(
        new PhaseChanged(
            subject.id(),
            subject.kind(),
            subject.tenantId(),
            move.from(),
            entry.transition(),
            subject.phase(),
            entry.processInstanceId(),
            entry.elementId(),
            now));
  }
}
