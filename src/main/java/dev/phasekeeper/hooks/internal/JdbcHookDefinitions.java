package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.phasekeeper.hooks.HookDefinitions;
import dev.phasekeeper.hooks.InvalidHookDefinitionException;
import dev.phasekeeper.lifecycle.SubjectKind;
import org.springframework.stereotype.Service;

/** Placeholder until the hooks issue: accepts no definitions. */
@Service
class JdbcHookDefinitions implements HookDefinitions {

  private final ObjectMapper json;

  JdbcHookDefinitions(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void change(SubjectKind kind, String subjectId, String tenantId, JsonNode definitions,
      ChangeMode mode) {
    if (definitions.isArray() && !definitions.isEmpty()) {
      throw new InvalidHookDefinitionException("hookDefinitions: not supported yet");
    }
  }

  @Override
  public ArrayNode own(String subjectId) {
    return json.createArrayNode();
  }

  @Override
  public ArrayNode effective(SubjectKind kind, String subjectId) {
    return json.createArrayNode();
  }
}
