package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the Moab {@code sort} parameter, such as {@code {"account":-1,"name":1}}, into an {@code
 * ORDER BY} list over the columns of {@link ServiceField} (1 ascending, -1 descending, in the order
 * given). {@code v.id} always comes last so pages never overlap. NULLs sort as the smallest value,
 * as in MongoDB, and the same on H2 and PostgreSQL (which differ by default).
 */
final class ServiceSort {

  /** The order when {@code sort} is absent: oldest first. */
  static final String DEFAULT_ORDER = "v.date_created, v.id";

  private static final String PARAMETER = "sort";

  private final LenientJson json;

  ServiceSort(LenientJson json) {
    this.json = json;
  }

  /** The {@code ORDER BY} list (without the keywords) for a {@code sort} parameter. */
  String orderBy(String sort) {
    if (sort == null || sort.isBlank()) {
      return DEFAULT_ORDER;
    }
    JsonNode root = parse(sort);
    if (!root.isObject()) {
      throw invalid("must be a JSON object such as {\"account\":-1,\"name\":1}, not an array");
    }
    if (root.isEmpty()) {
      return DEFAULT_ORDER;
    }
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, JsonNode> key : root.properties()) {
      terms.add(term(field(key.getKey()), descending(key.getKey(), key.getValue())));
    }
    if (!root.has(ServiceField.ID.apiName())) {
      terms.add(ServiceField.ID.column());
    }
    return String.join(", ", terms);
  }

  private JsonNode parse(String sort) {
    try {
      return json.read(sort);
    } catch (MalformedJsonException e) {
      throw new InvalidQueryException(PARAMETER, e.getMessage(), e);
    }
  }

  private ServiceField field(String name) {
    ServiceField field = ServiceField.byApiName(name).orElse(null);
    if (field == null && !name.startsWith(ServiceField.ATTRIBUTES_PREFIX)) {
      throw invalid(
          "unknown field '" + name + "' (sortable: " + ServiceField.sortableNames() + ")");
    }
    if (field == null || !field.sortable()) {
      throw invalid(
          "'" + name + "' cannot be sorted on (sortable: " + ServiceField.sortableNames() + ")");
    }
    return field;
  }

  private boolean descending(String name, JsonNode direction) {
    if (!direction.isIntegralNumber() || Math.abs(direction.asLong()) != 1) {
      throw invalid("'" + name + "' needs 1 (ascending) or -1 (descending), got " + direction);
    }
    return direction.asLong() < 0;
  }

  private static String term(ServiceField field, boolean descending) {
    String term = field.column() + (descending ? " DESC" : "");
    if (!field.nullable()) {
      return term;
    }
    return term + (descending ? " NULLS LAST" : " NULLS FIRST");
  }

  private static InvalidQueryException invalid(String problem) {
    return new InvalidQueryException(PARAMETER, problem);
  }
}
