package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.hooks.script.ScriptStatus;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The running-hooks list ({@code query}, {@code sort}, {@code max}, {@code offset}; a caller who is
 * not an admin sees the runs of its own tenant only) and the operator's status change.
 */
@Service
class RunningHooks {

  /** API field -> column, for {@code query} and {@code sort}. */
  private static final Map<String, String> COLUMNS =
      Map.of(
          "id",
          "id",
          "serviceId",
          "subject_id",
          "definitionId",
          "definition_id",
          "status",
          "status",
          "globalHook",
          "global_hook",
          "name",
          "hook_name",
          "startDate",
          "start_date",
          "endDate",
          "end_date",
          "exitCode",
          "exit_code",
          "transition",
          "transition");

  private final HookRunRepository runs;
  private final HookJson json;
  private final ObjectReader lenient;
  private final Clock clock;
  private final EntryCheckReports entryChecks;

  RunningHooks(
      HookRunRepository runs,
      HookJson json,
      ObjectMapper mapper,
      Clock clock,
      EntryCheckReports entryChecks) {
    this.entryChecks = entryChecks;
    this.runs = runs;
    this.json = json;
    this.lenient =
        mapper
            .reader()
            .with(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .with(JsonReadFeature.ALLOW_SINGLE_QUOTES);
    this.clock = clock;
  }

  Page<JsonNode> list(String query, String sort, PageRequest page, Caller caller) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder("1 = 1");
    if (!caller.admin()) {
      where.append(" and tenant_id = ?");
      args.add(caller.tenantId());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = parse("query", query).fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().endsWith("Date")) {
        throw new HooksException(
            HttpStatus.BAD_REQUEST,
            "query." + field.getKey() + ": dates can be sorted on, not queried");
      }
      where.append(" and ").append(column("query", field.getKey())).append(" = ?");
      args.add(value(field.getKey(), field.getValue()));
    }
    ArrayNode results = JsonNodeFactory.instance.arrayNode();
    runs.query(where.toString(), args, orderBy(sort), page.max(), page.offset())
        .forEach(run -> results.add(json.run(run)));
    return json.page(runs.count(where.toString(), args), results);
  }

  ObjectNode get(String id, Caller caller) {
    return json.run(find(id, caller));
  }

  /** Moab's manual status change: allowed only while the run is waiting. */
  @Transactional
  ObjectNode setStatus(String id, JsonNode body, Caller caller) {
    HookRun run = find(id, caller);
    JsonNode status = body == null ? null : body.get("status");
    if (status == null || !status.isTextual() || body.size() != 1) {
      throw new HooksException(
          HttpStatus.BAD_REQUEST,
          "status: give only the status" + " (succeeded, failed or waiting)");
    }
    String wanted;
    try {
      wanted = ScriptStatus.parse(status.asText()).name();
    } catch (IllegalArgumentException e) {
      throw new HooksException(HttpStatus.BAD_REQUEST, "status: " + e.getMessage());
    }
    if (!runs.finishWaiting(run.id(), wanted, null, OffsetDateTime.now(clock))) {
      throw new HooksException(
          HttpStatus.CONFLICT,
          "status: hook run " + id + " is " + run.status() + "; only a WAITING run can be changed");
    }
    entryChecks.runEnded(run.id(), "set to " + wanted + " by " + caller.name());
    return json.run(runs.find(id).orElseThrow());
  }

  private HookRun find(String id, Caller caller) {
    return runs.find(id)
        .filter(run -> caller.canAccess(run.tenantId()))
        .orElseThrow(
            () -> new HooksException(HttpStatus.NOT_FOUND, "hook run '" + id + "' does not exist"));
  }

  private String orderBy(String sort) {
    List<String> order = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = parse("sort", sort).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      int direction = field.getValue().asInt(0);
      if (direction != 1 && direction != -1) {
        throw new HooksException(
            HttpStatus.BAD_REQUEST,
            "sort." + field.getKey() + ": use 1 (ascending) or -1 (descending)");
      }
      order.add(column("sort", field.getKey()) + (direction == 1 ? " asc" : " desc"));
    }
    order.add("created_at asc");
    order.add("id asc");
    return String.join(", ", order);
  }

  private JsonNode parse(String parameter, String text) {
    if (text == null || text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode node = lenient.readTree(text);
      if (node == null || !node.isObject()) {
        throw new HooksException(HttpStatus.BAD_REQUEST, parameter + ": must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new HooksException(
          HttpStatus.BAD_REQUEST, parameter + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  private static String column(String parameter, String field) {
    String column = COLUMNS.get(field);
    if (column == null) {
      throw new HooksException(
          HttpStatus.BAD_REQUEST,
          parameter
              + "."
              + field
              + ": not a field"
              + " of running hooks (use "
              + String.join(", ", COLUMNS.keySet().stream().sorted().toList())
              + ")");
    }
    return column;
  }

  private static Object value(String field, JsonNode value) {
    if (!value.isValueNode() || value.isNull()) {
      throw new HooksException(
          HttpStatus.BAD_REQUEST, "query." + field + ": compare with a" + " plain value");
    }
    return switch (field) {
      case "status" -> value.asText().toUpperCase(Locale.ROOT);
      case "globalHook" -> value.asBoolean();
      case "exitCode" -> value.asInt();
      default -> value.asText();
    };
  }
}
