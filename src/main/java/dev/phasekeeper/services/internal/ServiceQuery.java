package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the Moab {@code query} parameter, a MongoDB query such as {@code
 * {"user":"bob","parent":{"$type":10}}}, into a SQL condition over {@code pk_service v JOIN
 * pk_subject s ON s.id = v.id LEFT JOIN pk_tenant t ON t.id = v.tenant_id}.
 *
 * <p>Fields are those of {@link ServiceField} plus {@code attributes.<path>}. Operators: implicit
 * equality, {@code $eq $ne $lt $lte $gt $gte $in $nin $exists}, {@code {"$type":10}} (null), and
 * {@code $and}/{@code $or} over arrays of queries; a {@code null} value means "missing". Values go
 * into parameters and field names through the fixed mapping, so nothing from the request is copied
 * into the SQL text. Every mistake is an {@link InvalidQueryException} saying what to fix.
 */
final class ServiceQuery {

  private static final String PARAMETER = "query";

  private static final Map<String, String> COMPARISONS =
      Map.of("$lt", "<", "$lte", "<=", "$gt", ">", "$gte", ">=");

  private static final String OPERATORS =
      "$eq, $ne, $lt, $lte, $gt, $gte, $in, $nin, $exists, $type";

  private final LenientJson json;

  ServiceQuery(LenientJson json) {
    this.json = json;
  }

  /** The condition for a {@code query} parameter; {@link SqlFilter#ALL} when it is blank. */
  SqlFilter translate(String query) {
    if (query == null || query.isBlank()) {
      return SqlFilter.ALL;
    }
    JsonNode root = parse(query);
    if (!root.isObject()) {
      throw invalid("must be a JSON object such as {\"user\":\"bob\"}, not an array");
    }
    return document(root);
  }

  private JsonNode parse(String query) {
    try {
      return json.read(query);
    } catch (MalformedJsonException e) {
      throw new InvalidQueryException(PARAMETER, e.getMessage(), e);
    }
  }

  /** All members of a query object. */
  private SqlFilter document(JsonNode query) {
    List<SqlFilter> parts = new ArrayList<>();
    query.properties().forEach(member -> parts.add(member(member.getKey(), member.getValue())));
    return SqlFilter.and(parts);
  }

  private SqlFilter member(String name, JsonNode value) {
    if (name.equals("$and")) {
      return SqlFilter.and(subQueries(name, value));
    }
    if (name.equals("$or")) {
      return SqlFilter.or(subQueries(name, value));
    }
    if (name.startsWith("$")) {
      throw invalid(
          "unknown operator '"
              + name
              + "' at the top level (use $and or $or, or a field"
              + " name)");
    }
    return field(QueryTarget.of(name), value);
  }

  private List<SqlFilter> subQueries(String operator, JsonNode value) {
    if (!value.isArray() || value.isEmpty()) {
      throw invalid(
          operator
              + " needs a non-empty array of queries, such as"
              + " [{\"user\":\"bob\"},{\"user\":\"alice\"}]");
    }
    List<SqlFilter> parts = new ArrayList<>();
    for (JsonNode query : value) {
      if (!query.isObject()) {
        throw invalid(operator + " needs an array of query objects, such as {\"user\":\"bob\"}");
      }
      parts.add(document(query));
    }
    return parts;
  }

  /** One field: a value (equality) or an object of operators. */
  private SqlFilter field(QueryTarget target, JsonNode value) {
    if (!value.isObject() || value.isEmpty() || !hasOperators(target, value)) {
      return target.anyOf(List.of(value), null);
    }
    List<SqlFilter> parts = new ArrayList<>();
    value.properties().forEach(op -> parts.add(operator(target, op.getKey(), op.getValue())));
    return SqlFilter.and(parts);
  }

  private boolean hasOperators(QueryTarget target, JsonNode value) {
    long operators = value.properties().stream().filter(e -> e.getKey().startsWith("$")).count();
    if (operators != 0 && operators != value.size()) {
      throw invalid(
          "'"
              + target.name()
              + "' mixes operators and field names in one object;"
              + " give either operators such as {\"$gt\":1} or a value");
    }
    return operators != 0;
  }

  private SqlFilter operator(QueryTarget target, String operator, JsonNode value) {
    return switch (operator) {
      case "$eq" -> target.anyOf(List.of(value), operator);
      case "$ne" -> target.noneOf(List.of(value), operator);
      case "$in" -> target.anyOf(array(target, operator, value), operator);
      case "$nin" -> target.noneOf(array(target, operator, value), operator);
      case "$lt", "$lte", "$gt", "$gte" ->
          target.compare(COMPARISONS.get(operator), value, operator);
      case "$exists" -> target.missing(!exists(target, value));
      case "$type" -> type(target, value);
      default ->
          throw invalid(
              "unknown operator '"
                  + operator
                  + "' on '"
                  + target.name()
                  + "' (supported: "
                  + OPERATORS
                  + ")");
    };
  }

  private List<JsonNode> array(QueryTarget target, String operator, JsonNode value) {
    if (!value.isArray()) {
      throw invalid(
          operator
              + " on '"
              + target.name()
              + "' needs an array of values, such as"
              + " [\"a\",\"b\"]");
    }
    List<JsonNode> values = new ArrayList<>();
    value.forEach(values::add);
    return values;
  }

  private boolean exists(QueryTarget target, JsonNode value) {
    if (!value.isBoolean()) {
      throw invalid("$exists on '" + target.name() + "' needs true or false, got " + value);
    }
    return value.booleanValue();
  }

  /** Only BSON type 10, null, can be asked for: a service's fields have no other types to tell. */
  private SqlFilter type(QueryTarget target, JsonNode value) {
    boolean isNull =
        (value.isIntegralNumber() && value.intValue() == 10) || "null".equals(value.textValue());
    if (!isNull) {
      throw invalid("$type on '" + target.name() + "' supports only 10 (null), got " + value);
    }
    return target.missing(true);
  }

  private static InvalidQueryException invalid(String problem) {
    return new InvalidQueryException(PARAMETER, problem);
  }
}
