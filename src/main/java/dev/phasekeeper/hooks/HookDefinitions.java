package dev.phasekeeper.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.phasekeeper.lifecycle.SubjectKind;

/** Hook definitions owned by subjects, as the features that own subjects see them. */
public interface HookDefinitions {

  /** How a list of definitions changes the ones a subject has (Moab's change-mode). */
  enum ChangeMode {
    ADD,
    REMOVE,
    SET
  }

  /**
   * Validates and applies definitions to a subject's own ones.
   *
   * @throws InvalidHookDefinitionException naming the field and the problem; nothing changes
   */
  void change(
      SubjectKind kind, String subjectId, String tenantId, JsonNode definitions, ChangeMode mode);

  /** The subject's own definitions, in the Moab JSON shape. */
  ArrayNode own(String subjectId);

  /** The own definitions of each of the subjects (a page of a list), in one look-up. */
  java.util.Map<String, ArrayNode> own(java.util.Collection<String> subjectIds);

  /** Global definitions for the subject's kind plus its own; an own one overrides by name. */
  ArrayNode effective(SubjectKind kind, String subjectId);
}
