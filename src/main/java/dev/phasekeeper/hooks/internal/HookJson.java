package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Hook definitions and runs in the JSON shapes of the Moab seed. */
@Component
class HookJson {

  /** Moab's date format, {@code 2011-12-07 16:03:40 UTC}. */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

  private final ObjectMapper json;

  HookJson(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode definition(HookDefinition d) {
    ObjectNode node =
        json.createObjectNode()
            .put("id", d.id())
            .put("global", d.global())
            .put("name", d.name())
            .put("type", d.type())
            .put("kind", d.kind())
            .put("includeServiceAsBody", d.includeBody())
            .put("currentPhase", orEmpty(d.currentPhase()))
            .put("transition", orEmpty(d.transition()))
            .put("nextPhase", orEmpty(d.nextPhase()))
            .put("url", d.url())
            .put("timeoutInSeconds", d.timeoutSeconds());
    return node;
  }

  ArrayNode definitions(List<HookDefinition> definitions) {
    ArrayNode array = json.createArrayNode();
    definitions.forEach(d -> array.add(definition(d)));
    return array;
  }

  ObjectNode run(HookRun r) {
    ObjectNode node =
        json.createObjectNode()
            .put("id", r.id())
            .put("definitionId", r.definitionId())
            .put("name", r.hookName())
            .put("serviceId", r.subjectId())
            .put("kind", r.subjectKind())
            .put("globalHook", r.globalHook())
            .put("currentPhase", r.fromPhase())
            .put("transition", r.transition())
            .put("nextPhase", r.toPhase());
    node.put("processId", r.processId());
    node.put("exitCode", r.exitCode());
    node.set("standardOutput", output(r.standardOutput()));
    node.put("standardError", r.standardError());
    node.put("message", r.message());
    node.put("startDate", date(r.startDate()));
    node.put("endDate", date(r.endDate()));
    node.put("status", r.status());
    node.put("timeoutInSeconds", r.timeoutSeconds());
    node.put("version", r.version());
    return node;
  }

  /** A page of results in the envelope of every list. */
  Page<JsonNode> page(long total, ArrayNode results) {
    return Page.of(total, list(results));
  }

  /** The requested page of a whole list. */
  Page<JsonNode> page(ArrayNode all, PageRequest request) {
    return Page.slice(list(all), request);
  }

  private static List<JsonNode> list(ArrayNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  /** Stdout as the parsed object when it is one, else as text. */
  JsonNode output(String stdout) {
    if (stdout == null) {
      return json.nullNode();
    }
    String trimmed = stdout.trim();
    if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
      try {
        JsonNode parsed = json.readTree(trimmed);
        if (parsed != null && parsed.isObject()) {
          return parsed;
        }
      } catch (JsonProcessingException e) {
        // plain text that happens to be braced stays text
      }
    }
    return json.getNodeFactory().textNode(stdout);
  }

  static String date(OffsetDateTime time) {
    return time == null ? null : DATE.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
