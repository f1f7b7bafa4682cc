package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.web.FieldLimits;
import dev.phasekeeper.web.FieldTooLongException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads the body of {@code POST /mws/rest/services}: either a request with a {@code data} array of
 * services and the fields that apply to all of them, or a single service. With one service in
 * {@code data}, service fields given at the top level fill in what it lacks (the seed's container
 * example puts {@code type} and {@code includedServices} there).
 */
@Component
class CreateRequestParser {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> REQUEST_FIELDS =
      Set.of("tenant", "user", "account", "startDateRequested", "durationRequested", "data");
  private static final Set<String> SERVICE_FIELDS =
      Set.of(
          "name",
          "type",
          "label",
          "includedServices",
          "stepsCompleted",
          "hookDefinitions",
          "attributes");

  /** The most services one create may hold (docs/limits.md). */
  static final int MAX_BATCH = 500;

  /** A service's own fields; hook definitions have theirs (HookDefinitionReader). */
  static final FieldLimits SERVICE_LIMITS =
      FieldLimits.of(
          "name",
          200,
          "type",
          64,
          "label",
          1000,
          "includedServices[]",
          200,
          "includedServices[].localName",
          200,
          "includedServices[].name",
          200,
          "stepsCompleted[]",
          255);

  /** Every field of a create: pk_tenant, pk_service's columns; stepsCompleted as a step name. */
  static final FieldLimits LIMITS =
      FieldLimits.of(
              "tenant.id",
              24,
              "tenant.name",
              200,
              "user",
              255,
              "account",
              255,
              "startDateRequested",
              64,
              "durationRequested",
              20)
          .and(SERVICE_LIMITS)
          .and(SERVICE_LIMITS.under("data[]."));

  CreateRequest parse(JsonNode body) {
    if (!body.isObject()) {
      throw MoabException.badRequest("body: must be a JSON object");
    }
    JsonNode data = body.get("data");
    if (data != null && data.isArray() && data.size() > MAX_BATCH) {
      throw MoabException.badRequest(
          "data: "
              + data.size()
              + " services, more than the "
              + MAX_BATCH
              + " one request may create; send them in several requests");
    }
    try {
      LIMITS.check(body);
    } catch (FieldTooLongException e) {
      throw MoabException.badRequest(e.getMessage());
    }
    rejectUnknown(body, "", union(REQUEST_FIELDS, SERVICE_FIELDS));
    JsonNode tenant = body.get("tenant");
    if (tenant == null || tenant.isNull()) {
      throw MoabException.badRequest("tenant: required (give its name, id, or both)");
    }
    if (!tenant.isObject()) {
      throw MoabException.badRequest("tenant: must be an object with 'name' and/or 'id'");
    }
    List<NewService> services = services(body);
    Set<String> names = new LinkedHashSet<>();
    for (NewService service : services) {
      if (!names.add(service.name())) {
        throw MoabException.badRequest("data: the name '" + service.name() + "' is used twice");
      }
    }
    return new CreateRequest(
        optionalText(tenant, "id", "tenant.id"),
        optionalText(tenant, "name", "tenant.name"),
        optionalText(body, "user", "user"),
        optionalText(body, "account", "account"),
        date(body, "startDateRequested"),
        duration(body),
        services,
        dependencies(services));
  }

  private List<NewService> services(JsonNode body) {
    JsonNode data = body.get("data");
    List<NewService> services = new ArrayList<>();
    if (data == null || data.isNull()) {
      services.add(service(body, "", null));
      return services;
    }
    if (!data.isArray() || data.isEmpty()) {
      throw MoabException.badRequest("data: must be a non-empty array of services");
    }
    for (int i = 0; i < data.size(); i++) {
      JsonNode element = data.get(i);
      String path = "data[" + i + "].";
      if (!element.isObject()) {
        throw MoabException.badRequest("data[" + i + "]: must be an object");
      }
      rejectUnknown(element, path, SERVICE_FIELDS);
      services.add(service(element, path, data.size() == 1 ? body : null));
    }
    return services;
  }

  private NewService service(JsonNode node, String path, JsonNode defaults) {
    String name = requiredText(field(node, defaults, "name"), path + "name");
    if (!NAME.matcher(name).matches()) {
      throw MoabException.badRequest(
          path
              + "name: '"
              + name
              + "' is not a valid name (letters,"
              + " digits, '.', '-' and '_', starting with a letter or digit, at most 200)");
    }
    String type = optionalText(field(node, defaults, "type"), path + "type");
    if (type != null && !TYPE.matcher(type).matches()) {
      throw MoabException.badRequest(path + "type: '" + type + "' is not a valid type");
    }
    JsonNode attributes = field(node, defaults, "attributes");
    if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
      throw MoabException.badRequest(path + "attributes: must be an object");
    }
    JsonNode hooks = field(node, defaults, "hookDefinitions");
    if (hooks != null && !hooks.isNull() && !hooks.isArray()) {
      throw MoabException.badRequest(path + "hookDefinitions: must be an array");
    }
    return new NewService(
        name,
        type == null ? "generic" : type,
        optionalText(field(node, defaults, "label"), path + "label"),
        includedServices(field(node, defaults, "includedServices"), path + "includedServices"),
        strings(field(node, defaults, "stepsCompleted"), path + "stepsCompleted"),
        hooks == null || hooks.isNull() ? JsonNodeFactory.instance.arrayNode() : hooks,
        attributes == null || attributes.isNull()
            ? JsonNodeFactory.instance.objectNode()
            : (ObjectNode) attributes.deepCopy());
  }

  private static JsonNode field(JsonNode node, JsonNode defaults, String name) {
    JsonNode value = node.get(name);
    if ((value == null || value.isNull()) && defaults != null) {
      return defaults.get(name);
    }
    return value;
  }

  private static List<String> includedServices(JsonNode node, String path) {
    List<String> names = new ArrayList<>();
    if (node == null || node.isNull()) {
      return names;
    }
    if (!node.isArray()) {
      throw MoabException.badRequest(path + ": must be an array of service names");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      String name =
          entry.isTextual()
              ? entry.asText()
              : entry.isObject() && entry.hasNonNull("localName")
                  ? entry.get("localName").asText()
                  : entry.isObject() && entry.hasNonNull("name")
                      ? entry.get("name").asText()
                      : null;
      if (name == null || name.isBlank()) {
        throw MoabException.badRequest(
            path + "[" + i + "]: must be a service name or an object with 'localName' or 'name'");
      }
      names.add(name);
    }
    return names;
  }

  private static Map<String, List<String>> dependencies(List<NewService> services) {
    Map<String, List<String>> dependencies = new LinkedHashMap<>();
    for (NewService service : services) {
      JsonNode list = service.attributes().path("moab").path("dependencies");
      if (list.isMissingNode() || list.isNull()) {
        continue;
      }
      String path = service.name() + ".attributes.moab.dependencies";
      if (!list.isArray()) {
        throw MoabException.badRequest(path + ": must be an array");
      }
      for (JsonNode entry : list) {
        String dependant = optionalText(entry, "service", path + "[].service");
        if (dependant == null) {
          throw MoabException.badRequest(path + "[].service: required");
        }
        List<String> on = strings(entry.get("dependency"), path + "[].dependency");
        dependencies.computeIfAbsent(dependant, k -> new ArrayList<>()).addAll(on);
      }
    }
    return dependencies;
  }

  private static List<String> strings(JsonNode node, String path) {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      throw MoabException.badRequest(path + ": must be an array of strings");
    }
    for (JsonNode value : node) {
      if (!value.isValueNode() || value.isNull()) {
        throw MoabException.badRequest(path + ": must be an array of strings");
      }
      values.add(value.asText());
    }
    return values;
  }

  private static OffsetDateTime date(JsonNode body, String field) {
    String text = optionalText(body, field, field);
    try {
      return text == null || text.isBlank() ? null : MoabDates.parse(field, text);
    } catch (IllegalArgumentException e) {
      throw MoabException.badRequest(e.getMessage());
    }
  }

  private static Long duration(JsonNode body) {
    JsonNode value = body.get("durationRequested");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual() && value.asText().matches("\\d{1,12}")) {
      return Long.parseLong(value.asText());
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
      throw MoabException.badRequest(
          "durationRequested: must be a whole number of seconds, 0 or more");
    }
    return value.asLong();
  }

  static String optionalText(JsonNode node, String field, String path) {
    return node == null ? null : optionalText(node.get(field), path);
  }

  static String optionalText(JsonNode value, String path) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw MoabException.badRequest(path + ": must be a string");
    }
    return value.asText();
  }

  private static String requiredText(JsonNode value, String path) {
    String text = optionalText(value, path);
    if (text == null || text.isBlank()) {
      throw MoabException.badRequest(path + ": required");
    }
    return text;
  }

  private static void rejectUnknown(JsonNode node, String path, Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw MoabException.badRequest(
            path
                + name
                + ": unknown field (allowed: "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ")");
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }
}
