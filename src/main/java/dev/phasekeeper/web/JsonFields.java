package dev.phasekeeper.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code fields} and {@code exclude-fields} parameters: keep only, or drop, the named fields of
 * a JSON object; a dotted name ({@code attributes.vmId}) reaches into nested objects.
 */
public final class JsonFields {

  private JsonFields() {}

  /**
   * The comma-separated field names of a parameter.
   *
   * @param name the parameter's name, for the message when a value is wrong
   * @throws InvalidRequestException when a name has an empty part ({@code a..b}, {@code .})
   */
  public static List<String> parse(String name, String parameter) {
    if (parameter == null || parameter.isBlank()) {
      return List.of();
    }
    List<String> fields =
        Arrays.stream(parameter.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String field : fields) {
      if (Arrays.stream(field.split("\\.", -1)).anyMatch(String::isEmpty)) {
        throw new InvalidRequestException(
            name,
            "'"
                + field
                + "' has an empty name between"
                + " dots; give names such as status or attributes.vmId");
      }
    }
    return fields;
  }

  public static ObjectNode project(
      ObjectNode document, List<String> fields, List<String> excluded) {
    ObjectNode result = document;
    if (!fields.isEmpty()) {
      result = JsonNodeFactory.instance.objectNode();
      for (String field : fields) {
        copy(document, result, field.split("\\."), 0);
      }
    }
    for (String field : excluded) {
      remove(result, field.split("\\."), 0);
    }
    return result;
  }

  private static void copy(JsonNode from, ObjectNode to, String[] path, int at) {
    JsonNode value = from.get(path[at]);
    if (value == null) {
      return;
    }
    if (at == path.length - 1) {
      to.set(path[at], value);
    } else if (value.isObject()) {
      JsonNode existing = to.get(path[at]);
      ObjectNode child = existing instanceof ObjectNode object ? object : to.putObject(path[at]);
      copy(value, child, path, at + 1);
    }
  }

  private static void remove(JsonNode node, String[] path, int at) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    if (at == path.length - 1) {
      object.remove(path[at]);
    } else {
      remove(object.get(path[at]), path, at + 1);
    }
  }
}
