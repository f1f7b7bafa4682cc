package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Pattern;

/**
 * The JSON functions of the services query language for H2, registered by {@code
 * db/migration/h2/V2__json_functions.sql} as {@code pk_json_text}, {@code pk_json_num} and {@code
 * pk_json_contains}. PostgreSQL has the same three functions in SQL (its V2), and both must answer
 * alike, so the rules are written down here once:
 *
 * <ul>
 *   <li>A path is split at dots; each part is a field name, or an array index (negative counts from
 *       the end) when the value there is an array. An empty path is the whole document.
 *   <li>{@code pk_json_text}: strings unquoted, numbers as plain decimals ({@code 1e2} gives {@code
 *       100}, as PostgreSQL's numeric does), booleans as {@code true}/{@code false}, objects and
 *       arrays as JSON text (its spacing and key order differ between the databases, so compare
 *       only scalars); missing or JSON null gives SQL NULL.
 *   <li>{@code pk_json_num}: a JSON number, or a string that is exactly a decimal number such as
 *       {@code "2500"} or {@code "-1.5e3"}, as a double; anything else gives NULL.
 *   <li>{@code pk_json_contains}: whether the document is an array with that string as one of its
 *       elements.
 * </ul>
 *
 * The functions are pure; the mapper below is an immutable, thread-safe reader.
 */
public final class H2JsonFunctions {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** The same pattern as in the PostgreSQL migration. */
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private H2JsonFunctions() {}

  /** {@code pk_json_text(doc, path)}. */
  public static String jsonText(String doc, String path) {
    JsonNode node = at(doc, path);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return node.isIntegralNumber() ? node.asText() : node.decimalValue().toPlainString();
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON at path '" + path + "'", e);
    }
  }

  /** {@code pk_json_num(doc, path)}. */
  public static Double jsonNum(String doc, String path) {
    JsonNode node = at(doc, path);
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual() && DECIMAL.matcher(node.textValue()).matches()) {
      return Double.valueOf(node.textValue());
    }
    return null;
  }

  /** {@code pk_json_contains(doc, value)}. */
  public static Boolean jsonContains(String doc, String value) {
    JsonNode node = parse(doc);
    if (node == null || value == null) {
      return null;
    }
    if (!node.isArray()) {
      return false;
    }
    for (JsonNode element : node) {
      if (element.isTextual() && element.textValue().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode at(String doc, String path) {
    JsonNode node = parse(doc);
    if (node == null || path == null || path.isEmpty()) {
      return path == null ? null : node;
    }
    for (String part : path.split("\\.", -1)) {
      node = child(node, part);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static JsonNode child(JsonNode node, String part) {
    if (node.isObject()) {
      return node.get(part);
    }
    if (node.isArray() && part.matches("-?[0-9]{1,9}")) {
      int index = Integer.parseInt(part);
      return node.get(index < 0 ? node.size() + index : index);
    }
    return null;
  }

  private static JsonNode parse(String doc) {
    if (doc == null) {
      return null;
    }
    try {
      return MAPPER.readTree(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored JSON is not valid: " + e.getOriginalMessage(), e);
    }
  }
}
