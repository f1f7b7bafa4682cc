package dev.phasekeeper.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The longest text each field of one kind of request may hold, checked once where the request is
 * read, before anything is stored: an over-long value is refused naming the field and its limit
 * instead of failing on its column. Fields are named by their paths in the body, with {@code []}
 * for any element of an array ({@code data[].label}); a value that is not text (a number, a
 * boolean) counts with the length of its text, as readers take it as text. Fields not listed
 * (free-form JSON such as {@code attributes}) are bounded by the body size only. The maxima are
 * documented in docs/limits.md; none exceeds its column.
 */
public final class FieldLimits {

  private final Map<String, Integer> maxima;

  private FieldLimits(Map<String, Integer> maxima) {
    this.maxima = Collections.unmodifiableMap(new LinkedHashMap<>(maxima));
  }

  /**
   * @param maxima the longest text of each field, by path ({@code []} for array elements)
   */
  public static FieldLimits of(Map<String, Integer> maxima) {
    return new FieldLimits(maxima);
  }

  /**
   * @param pathsAndMaxima a path, its maximum, the next path, its maximum...
   */
  public static FieldLimits of(Object... pathsAndMaxima) {
    Map<String, Integer> maxima = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndMaxima.length; i += 2) {
      maxima.put((String) pathsAndMaxima[i], (Integer) pathsAndMaxima[i + 1]);
    }
    return new FieldLimits(maxima);
  }

  /** The same limits, with each path given the prefix ({@code data[].}). */
  public FieldLimits under(String prefix) {
    Map<String, Integer> prefixed = new LinkedHashMap<>();
    maxima.forEach((path, max) -> prefixed.put(prefix + path, max));
    return new FieldLimits(prefixed);
  }

  /** These limits and the other's. */
  public FieldLimits and(FieldLimits other) {
    Map<String, Integer> all = new LinkedHashMap<>(maxima);
    all.putAll(other.maxima);
    return new FieldLimits(all);
  }

  public Map<String, Integer> maxima() {
    return maxima;
  }

  /**
   * Checks every listed field of a JSON body.
   *
   * @throws FieldTooLongException naming the first field found over its limit
   */
  public void check(JsonNode body) {
    check(body, "", "");
  }

  /**
   * Checks every listed field of a part of a body, naming fields with the part's path.
   *
   * @param shownPrefix the part's path in the body, as messages show it ({@code data[2].})
   * @throws FieldTooLongException naming the first field found over its limit
   */
  public void check(JsonNode part, String shownPrefix) {
    try {
      check(part, "", "");
    } catch (FieldTooLongException e) {
      throw new FieldTooLongException(shownPrefix + e.field(), e.max(), e.length());
    }
  }

  /**
   * Checks one field.
   *
   * @throws FieldTooLongException when the value is longer than the field's limit
   */
  public void check(String field, String value) {
    Integer max = maxima.get(field);
    if (value != null && max != null && value.length() > max) {
      throw new FieldTooLongException(field, max, value.length());
    }
  }

  /** Checks the text components of a request record, each named as its component. */
  public void check(Record request) {
    for (RecordComponent component : request.getClass().getRecordComponents()) {
      Object value = value(request, component);
      if (value instanceof String text) {
        check(component.getName(), text);
      }
    }
  }

  private void check(JsonNode node, String path, String shown) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isValueNode()) {
      Integer max = maxima.get(path);
      if (max != null && node.asText().length() > max) {
        throw new FieldTooLongException(shown, max, node.asText().length());
      }
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[]", shown + "[" + i + "]");
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String prefix = path.isEmpty() ? "" : path + ".";
      String shownPrefix = shown.isEmpty() ? "" : shown + ".";
      check(field.getValue(), prefix + field.getKey(), shownPrefix + field.getKey());
    }
  }

  private static Object value(Record request, RecordComponent component) {
    try {
      // request records are package-private in their surface's package
      java.lang.reflect.Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(request);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("WEB-001 cannot read " + component.getName(), e);
    }
  }
}
