package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.phasekeeper.hooks.HookDefinitions;
import dev.phasekeeper.lifecycle.SubjectKind;
import dev.phasekeeper.web.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A subject's own hook definitions, and the effective ones: the global definitions for its kind
 * with its own ones overriding those of the same name.
 */
@Service
class JdbcHookDefinitions implements HookDefinitions {

  private static final String FIELD = "hookDefinitions";

  private final HookDefinitionRepository repository;
  private final HookDefinitionReader reader;
  private final HookJson json;

  JdbcHookDefinitions(
      HookDefinitionRepository repository, HookDefinitionReader reader, HookJson json) {
    this.repository = repository;
    this.reader = reader;
    this.json = json;
  }

  @Override
  @Transactional
  public void change(
      SubjectKind kind, String subjectId, String tenantId, JsonNode definitions, ChangeMode mode) {
    if (definitions == null || definitions.isNull()) {
      return;
    }
    if (!definitions.isArray()) {
      throw HookDefinitionReader.invalid(FIELD, "must be an array of hook definitions");
    }
    Map<String, HookDefinition> byName = new LinkedHashMap<>();
    List<HookDefinition> existing = repository.owned(subjectId);
    if (mode != ChangeMode.SET) {
      existing.forEach(d -> byName.put(d.name(), d));
    }
    for (int i = 0; i < definitions.size(); i++) {
      JsonNode element = definitions.get(i);
      String path = FIELD + "[" + i + "].";
      if (mode == ChangeMode.REMOVE) {
        remove(byName, element, path);
      } else {
        HookDefinition read =
            reader.read(element, path, owner(kind, subjectId, tenantId, idFor(element, existing)));
        if (mode == ChangeMode.SET && byName.containsKey(read.name())) {
          throw HookDefinitionReader.invalid(
              path + "name",
              "'"
                  + read.name()
                  + "' is used by two definitions; hook names are unique per service");
        }
        byName.put(read.name(), read);
      }
    }
    replace(subjectId, existing, byName.values());
  }

  private void remove(Map<String, HookDefinition> byName, JsonNode element, String path) {
    String id = element.path("id").asText(null);
    String name = element.path("name").asText(null);
    boolean removed = byName.values().removeIf(d -> d.id().equals(id) || d.name().equals(name));
    if (!removed) {
      throw HookDefinitionReader.invalid(
          path + (id != null ? "id" : "name"),
          "no hook"
              + " definition of this service has id or name '"
              + (id != null ? id : name)
              + "'");
    }
  }

  /** Keeps the id of an own definition that the element names by id, else a new one. */
  private static String idFor(JsonNode element, List<HookDefinition> existing) {
    String id = element.path("id").asText(null);
    String name = element.path("name").asText(null);
    return existing.stream()
        .filter(d -> d.id().equals(id) || (id == null && d.name().equals(name)))
        .map(HookDefinition::id)
        .findFirst()
        .orElseGet(Ids::next);
  }

  private void replace(
      String subjectId,
      List<HookDefinition> existing,
      java.util.Collection<HookDefinition> wanted) {
    Set<String> kept = wanted.stream().map(HookDefinition::id).collect(Collectors.toSet());
    existing.stream().filter(d -> !kept.contains(d.id())).forEach(d -> repository.delete(d.id()));
    Set<String> stored = existing.stream().map(HookDefinition::id).collect(Collectors.toSet());
    for (HookDefinition d : wanted) {
      if (stored.contains(d.id())) {
        repository.update(d);
      } else {
        repository.insert(d);
      }
    }
  }

  private static HookDefinition owner(
      SubjectKind kind, String subjectId, String tenantId, String id) {
    return new HookDefinition(
        id,
        null,
        HookDefinition.SUBJECT,
        subjectId,
        tenantId,
        kind.id(),
        null,
        null,
        null,
        null,
        null,
        false,
        0,
        null,
        1);
  }

  @Override
  public ArrayNode own(String subjectId) {
    return json.definitions(repository.owned(subjectId));
  }

  @Override
  public Map<String, ArrayNode> own(java.util.Collection<String> subjectIds) {
    Map<String, List<HookDefinition>> byOwner = new java.util.HashMap<>();
    for (HookDefinition definition : repository.ownedByAny(subjectIds)) {
      byOwner.computeIfAbsent(definition.ownerId(), k -> new ArrayList<>()).add(definition);
    }
    Map<String, ArrayNode> result = new java.util.HashMap<>();
    for (String id : subjectIds) {
      result.put(id, json.definitions(byOwner.getOrDefault(id, List.of())));
    }
    return result;
  }

  @Override
  public ArrayNode effective(SubjectKind kind, String subjectId) {
    return json.definitions(repository.effective(kind.id(), subjectId));
  }
}
