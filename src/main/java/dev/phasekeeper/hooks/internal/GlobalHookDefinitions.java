package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.hooks.HookDefinitions.ChangeMode;
import dev.phasekeeper.hooks.InvalidHookDefinitionException;
import dev.phasekeeper.web.Ids;
import dev.phasekeeper.web.TransientFailures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Global hook definitions: they fire for every subject of their kind. */
@Service
class GlobalHookDefinitions {

  private static final Set<String> REQUIRED = Set.of("name", "url");

  private final HookDefinitionRepository repository;
  private final HookDefinitionReader reader;
  private final HookJson json;

  GlobalHookDefinitions(
      HookDefinitionRepository repository, HookDefinitionReader reader, HookJson json) {
    this.repository = repository;
    this.reader = reader;
    this.json = json;
  }

  ArrayNode list() {
    return json.definitions(repository.globals());
  }

  ObjectNode get(String idOrName) {
    return json.definition(find(idOrName));
  }

  /** Creates one definition (a JSON object) or several (an array); all or none. */
  @Transactional
  List<HookDefinition> create(JsonNode body) {
    List<HookDefinition> created = new ArrayList<>();
    if (body != null && body.isArray()) {
      for (int i = 0; i < body.size(); i++) {
        created.add(createOne(body.get(i), "[" + i + "]."));
      }
    } else {
      created.add(createOne(body, ""));
    }
    return created;
  }

  private HookDefinition createOne(JsonNode node, String path) {
    HookDefinition d = reader.read(node, path, owner(Ids.next(), null, 1));
    if (repository.global(d.name()).isPresent()) {
      throw new HooksException(
          HttpStatus.CONFLICT,
          path
              + "name: a global hook named '"
              + d.name()
              + "' exists already; change it with PUT"
              + " /mws/rest/services/hooks/"
              + d.name()
              + "/global-definitions?change-mode=set");
    }
    try {
      repository.insert(d);
    } catch (RuntimeException e) {
      if (!TransientFailures.isTransient(e)) {
        throw e;
      }
      throw new HooksException(
          HttpStatus.CONFLICT,
          path
              + "name: a global hook named '"
              + d.name()
              + "' was just created by another request; change it with PUT"
              + " /mws/rest/services/hooks/"
              + d.name()
              + "/global-definitions?change-mode=set");
    }
    return d;
  }

  /**
   * Moab's change-mode on one definition: {@code add} changes the fields given, {@code remove}
   * clears the fields named, {@code set} replaces the definition with the body.
   */
  @Transactional
  HookDefinition change(String idOrName, JsonNode body, ChangeMode mode) {
    HookDefinition existing = find(idOrName);
    if (body == null || !body.isObject()) {
      throw new InvalidHookDefinitionException("body: must be a JSON object of hook fields");
    }
    ObjectNode wanted =
        switch (mode) {
          case SET -> body.deepCopy();
          case ADD -> merged(existing, body);
          case REMOVE -> without(existing, body);
        };
    wanted.remove(List.of("id", "global"));
    HookDefinition changed =
        reader.read(wanted, "", owner(existing.id(), existing.createdAt(), existing.version()));
    repository
        .global(changed.name())
        .filter(other -> !other.id().equals(existing.id()))
        .ifPresent(
            other -> {
              throw new HooksException(
                  HttpStatus.CONFLICT,
                  "name: a global hook named '" + changed.name() + "' exists already");
            });
    repository.update(changed);
    return find(existing.id());
  }

  private ObjectNode merged(HookDefinition existing, JsonNode body) {
    ObjectNode merged = json.definition(existing);
    body.fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue()));
    return merged;
  }

  private ObjectNode without(HookDefinition existing, JsonNode body) {
    ObjectNode remaining = json.definition(existing);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (REQUIRED.contains(name)) {
        throw new InvalidHookDefinitionException(
            name + ": cannot be removed; a hook needs a" + " name and a url");
      }
      remaining.remove(name);
    }
    return remaining;
  }

  @Transactional
  void delete(String idOrName) {
    repository.delete(find(idOrName).id());
  }

  /** The seed's {@code PUT /services?change-mode=remove} with {@code hookDefinitions:[{id}]}. */
  @Transactional
  List<String> removeAll(JsonNode body) {
    JsonNode list = body == null ? null : body.get("hookDefinitions");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidHookDefinitionException(
          "hookDefinitions: give an array of {\"id\": ...}"
              + " (or {\"name\": ...}) of the global hook definitions to remove");
    }
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode element = list.get(i);
      String key =
          element.hasNonNull("id") ? element.get("id").asText() : element.path("name").asText(null);
      if (key == null) {
        throw new InvalidHookDefinitionException("hookDefinitions[" + i + "].id: required");
      }
      HookDefinition found = find(key);
      repository.delete(found.id());
      removed.add(found.id());
    }
    return removed;
  }

  private HookDefinition find(String idOrName) {
    return repository
        .global(idOrName)
        .orElseThrow(
            () ->
                new HooksException(
                    HttpStatus.NOT_FOUND,
                    "global hook definition '" + idOrName + "' does not exist"));
  }

  private static HookDefinition owner(String id, java.time.OffsetDateTime createdAt, int version) {
    return new HookDefinition(
        id,
        null,
        HookDefinition.GLOBAL,
        "",
        null,
        "service",
        null,
        null,
        null,
        null,
        null,
        false,
        0,
        createdAt,
        version);
  }
}
