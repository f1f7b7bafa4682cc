package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasekeeper.hooks.HooksProperties;
import dev.phasekeeper.hooks.InvalidHookDefinitionException;
import dev.phasekeeper.hooks.internal.exec.HooksDirectory;
import dev.phasekeeper.hooks.script.ScriptUrl;
import dev.phasekeeper.lifecycle.LifecycleProperties;
import dev.phasekeeper.web.FieldLimits;
import dev.phasekeeper.web.FieldTooLongException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Reads one hook definition from its Moab JSON and checks every field, so each surface that accepts
 * definitions refuses the same mistakes with the same messages. Messages start with the field's
 * path ({@code hookDefinitions[0].url: ...}).
 */
@Component
class HookDefinitionReader {

  static final Set<String> KINDS = Set.of("service", "cluster", "host", "job", "any");
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "name",
          "type",
          "kind",
          "global",
          "currentPhase",
          "transition",
          "nextPhase",
          "url",
          "includeServiceAsBody",
          "timeoutInSeconds");
  private static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

  /** pk_hook_definition's columns. */
  static final FieldLimits LIMITS =
      FieldLimits.of(
          "id",
          24,
          "name",
          255,
          "type",
          16,
          "kind",
          16,
          "currentPhase",
          32,
          "transition",
          32,
          "nextPhase",
          32,
          "url",
          4000,
          "includeServiceAsBody",
          5,
          "timeoutInSeconds",
          10);

  private final LifecycleProperties lifecycle;
  private final HooksDirectory hooksDirectory;
  private final HooksProperties properties;
  private final Clock clock;

  HookDefinitionReader(
      LifecycleProperties lifecycle,
      HooksDirectory hooksDirectory,
      HooksProperties properties,
      Clock clock) {
    this.lifecycle = lifecycle;
    this.hooksDirectory = hooksDirectory;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Reads a definition.
   *
   * @param path prefix of field names in messages, e.g. {@code hookDefinitions[2].} or empty
   * @param owner the stored fields the JSON does not decide: id, scope, owner, tenant, kind (the
   *     kind is used when the JSON names none)
   */
  HookDefinition read(JsonNode node, String path, HookDefinition owner) {
    if (node == null || !node.isObject()) {
      throw invalid(
          path.isEmpty() ? "body" : path.substring(0, path.length() - 1),
          "must be a JSON object with name, url and currentPhase, transition or nextPhase");
    }
    try {
      LIMITS.check(node, path);
    } catch (FieldTooLongException e) {
      throw new InvalidHookDefinitionException(e.getMessage());
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid(
            path + name,
            "is not a hook definition field (use "
                + String.join(", ", FIELDS.stream().sorted().toList())
                + ")");
      }
    }
    String name = text(node, path, "name");
    if (name == null || name.isBlank() || name.length() > 255) {
      throw invalid(path + "name", "is required (1 to 255 characters)");
    }
    String type = lower(text(node, path, "type"));
    type = type == null ? "after" : type;
    if (!type.equals("after") && !type.equals("before")) {
      throw invalid(path + "type", "'" + type + "' is not known (use after or before)");
    }
    String kind = lower(text(node, path, "kind"));
    kind = kind == null ? owner.kind() : kind;
    if (!KINDS.contains(kind)) {
      throw invalid(
          path + "kind",
          "'" + kind + "' is not known (use service, cluster, host," + " job or any)");
    }
    String currentPhase = name(node, path, "currentPhase", lifecycle::isPhase, lifecycle.phases());
    String transition =
        name(node, path, "transition", lifecycle::isTransition, lifecycle.transitions());
    String nextPhase = name(node, path, "nextPhase", lifecycle::isPhase, lifecycle.phases());
    if (currentPhase == null && transition == null && nextPhase == null) {
      throw invalid(
          path + "currentPhase",
          "give at least one of currentPhase, transition and" + " nextPhase");
    }
    String url = url(text(node, path, "url"), path);
    boolean includeBody = bool(node, path, "includeServiceAsBody");
    int timeout = timeout(node, path);
    return new HookDefinition(
        owner.id(),
        name.trim(),
        owner.scope(),
        owner.ownerId(),
        owner.tenantId(),
        kind,
        type,
        currentPhase,
        transition,
        nextPhase,
        url,
        includeBody,
        timeout,
        owner.createdAt() == null ? OffsetDateTime.now(clock) : owner.createdAt(),
        owner.version());
  }

  private String url(String url, String path) {
    if (url == null || url.isBlank()) {
      throw invalid(
          path + "url",
          "is required (use exec:///path/to/script inside the hooks"
              + " directory, or ssh://host/path)");
    }
    try {
      ScriptUrl parsed = ScriptUrl.parse(url);
      if (parsed.isExec()) {
        hooksDirectory.resolve(parsed.path());
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidHookDefinitionException(path + e.getMessage());
    }
    return url.trim();
  }

  private int timeout(JsonNode node, String path) {
    JsonNode value = node.get("timeoutInSeconds");
    if (value == null || value.isNull()) {
      return (int) properties.defaultTimeout().toSeconds();
    }
    if (!value.canConvertToInt()
        || !value.isIntegralNumber()
        || value.asInt() < 1
        || value.asInt() > MAX_TIMEOUT_SECONDS) {
      throw invalid(
          path + "timeoutInSeconds",
          "'" + value + "' is not a whole number of seconds" + " from 1 to " + MAX_TIMEOUT_SECONDS);
    }
    return value.asInt();
  }

  private static String name(
      JsonNode node, String path, String field, Predicate<String> known, List<String> allowed) {
    String value = lower(text(node, path, field));
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!known.test(value)) {
      throw invalid(
          path + field,
          "'" + value + "' is not known (use one of " + String.join(", ", allowed) + ")");
    }
    return value;
  }

  private static boolean bool(JsonNode node, String path, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isTextual() && Set.of("true", "false").contains(value.asText())) {
      return Boolean.parseBoolean(value.asText());
    }
    throw invalid(path + field, "'" + value + "' is not true or false");
  }

  private static String text(JsonNode node, String path, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(path + field, "must be a string");
    }
    return value.asText().trim();
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  static InvalidHookDefinitionException invalid(String field, String problem) {
    return new InvalidHookDefinitionException(field + ": " + problem);
  }
}
