package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one field of a {@code query} compares against: a column, the list of completed steps, or a
 * path in the attributes document. Comparisons follow MongoDB where SQL differs: {@code null}
 * matches a missing value, and {@code $ne}/{@code $nin} also match services that lack the value.
 */
sealed interface QueryTarget permits QueryTarget.Column, QueryTarget.Steps, QueryTarget.Attribute {

  /** The field's name in the query, for messages. */
  String name();

  /** Equal to any of the values ({@code $in}, or equality with one); null matches a missing one. */
  SqlFilter anyOf(List<JsonNode> values, String operator);

  /** Equal to none of the values ({@code $nin}, {@code $ne}); a missing value is none of them. */
  SqlFilter noneOf(List<JsonNode> values, String operator);

  /** {@code $lt}, {@code $lte}, {@code $gt} or {@code $gte}, as {@code <}, {@code <=}, ... */
  SqlFilter compare(String sqlOperator, JsonNode value, String operator);

  /** Whether the value is missing: null equality, {@code $exists} and {@code {"$type":10}}. */
  SqlFilter missing(boolean missing);

  /** The target a field name in a query stands for. */
  static QueryTarget of(String name) {
    if (name.equals("attributes") || name.startsWith(ServiceField.ATTRIBUTES_PREFIX)) {
      String path =
          name.equals("attributes") ? "" : name.substring(ServiceField.ATTRIBUTES_PREFIX.length());
      if (path.isEmpty() || List.of(path.split("\\.", -1)).contains("")) {
        throw new InvalidQueryException(
            "query",
            "'"
                + name
                + "' needs a dotted path inside the"
                + " attributes, such as 'attributes.moab.job.template'");
      }
      return new Attribute(path);
    }
    return ServiceField.byApiName(name)
        .<QueryTarget>map(
            field -> field.type() == ServiceField.Type.STEPS ? new Steps() : new Column(field))
        .orElseThrow(
            () ->
                new InvalidQueryException(
                    "query",
                    "unknown field '"
                        + name
                        + "' (queryable: "
                        + ServiceField.queryableNames()
                        + ")"));
  }

  /** A table column. */
  record Column(ServiceField field) implements QueryTarget {

    @Override
    public String name() {
      return field.apiName();
    }

    @Override
    public SqlFilter anyOf(List<JsonNode> values, String operator) {
      return Expr.anyOf(groups(values, operator), expr(), hasNull(values));
    }

    @Override
    public SqlFilter noneOf(List<JsonNode> values, String operator) {
      return Expr.noneOf(groups(values, operator), expr(), hasNull(values));
    }

    @Override
    public SqlFilter compare(String sqlOperator, JsonNode value, String operator) {
      return expr().compare(sqlOperator, bind(value, operator, kind()));
    }

    @Override
    public SqlFilter missing(boolean missing) {
      return expr().isNull(missing);
    }

    private Map<Expr, List<Object>> groups(List<JsonNode> values, String operator) {
      List<Object> bound = new ArrayList<>();
      values.stream()
          .filter(value -> !value.isNull())
          .forEach(value -> bound.add(bind(value, operator, kind() + " or null")));
      return bound.isEmpty() ? Map.of() : Map.of(expr(), bound);
    }

    private Object bind(JsonNode value, String operator, String expected) {
      boolean number = field.type() == ServiceField.Type.NUMBER;
      if (number ? !value.isNumber() : !value.isTextual()) {
        throw wrongValue(operator, name(), expected, value);
      }
      return switch (field.type()) {
        case PHASE -> value.textValue().toLowerCase(Locale.ROOT);
        case NUMBER ->
            value.isIntegralNumber() && value.canConvertToLong()
                ? (Object) value.longValue()
                : value.decimalValue();
        case DATE -> date(value, operator);
        default -> value.textValue();
      };
    }

    private Object date(JsonNode value, String operator) {
      try {
        return QueryDates.parse(value.textValue());
      } catch (DateTimeException e) {
        throw wrongValue(operator, name(), kind(), value);
      }
    }

    private String kind() {
      return switch (field.type()) {
        case NUMBER -> "a number";
        case DATE -> "a date such as " + QueryDates.EXAMPLES;
        case PHASE -> "a phase name";
        default -> "a string";
      };
    }

    private Expr expr() {
      return new Expr(field.column(), List.of(), field.nullable());
    }
  }

  /** The JSON array of completed step names, matched by membership. */
  record Steps() implements QueryTarget {

    private static final String CONTAINS =
        "pk_json_contains(" + ServiceField.STEPS_COMPLETED.column() + ", ?)";

    @Override
    public String name() {
      return ServiceField.STEPS_COMPLETED.apiName();
    }

    @Override
    public SqlFilter anyOf(List<JsonNode> values, String operator) {
      return SqlFilter.or(
          steps(values, operator).stream().map(step -> SqlFilter.of(CONTAINS, step)).toList());
    }

    @Override
    public SqlFilter noneOf(List<JsonNode> values, String operator) {
      return SqlFilter.and(
          steps(values, operator).stream()
              .map(step -> SqlFilter.of("NOT " + CONTAINS, step))
              .toList());
    }

    @Override
    public SqlFilter compare(String sqlOperator, JsonNode value, String operator) {
      throw new InvalidQueryException(
          "query",
          operator
              + " cannot be used on '"
              + name()
              + "' (it takes a step name, $eq, $ne, $in, $nin and $exists)");
    }

    /** The list is never missing (it may be empty). */
    @Override
    public SqlFilter missing(boolean missing) {
      return missing ? SqlFilter.NONE : SqlFilter.ALL;
    }

    private List<String> steps(List<JsonNode> values, String operator) {
      List<String> steps = new ArrayList<>();
      for (JsonNode value : values) {
        if (!value.isTextual() && !value.isNull()) {
          throw wrongValue(operator, name(), "a step name string", value);
        }
        if (value.isTextual()) {
          steps.add(value.textValue());
        }
      }
      return steps;
    }
  }

  /**
   * A dotted path in the attributes document. Numbers compare as numbers (also against strings
   * holding a number, such as {@code "2500"}), strings and booleans as text.
   */
  record Attribute(String path) implements QueryTarget {

    @Override
    public String name() {
      return ServiceField.ATTRIBUTES_PREFIX + path;
    }

    @Override
    public SqlFilter anyOf(List<JsonNode> values, String operator) {
      return Expr.anyOf(groups(values, operator), text(), hasNull(values));
    }

    @Override
    public SqlFilter noneOf(List<JsonNode> values, String operator) {
      return Expr.noneOf(groups(values, operator), text(), hasNull(values));
    }

    @Override
    public SqlFilter compare(String sqlOperator, JsonNode value, String operator) {
      if (value.isNumber()) {
        return number().compare(sqlOperator, value.doubleValue());
      }
      if (value.isTextual()) {
        return text().compare(sqlOperator, value.textValue());
      }
      throw wrongValue(operator, name(), "a string or a number", value);
    }

    @Override
    public SqlFilter missing(boolean missing) {
      return text().isNull(missing);
    }

    private Map<Expr, List<Object>> groups(List<JsonNode> values, String operator) {
      Map<Expr, List<Object>> groups = new LinkedHashMap<>();
      for (JsonNode value : values) {
        if (value.isNumber()) {
          groups.computeIfAbsent(number(), expr -> new ArrayList<>()).add(value.doubleValue());
        } else if (value.isTextual() || value.isBoolean()) {
          groups.computeIfAbsent(text(), expr -> new ArrayList<>()).add(value.asText());
        } else if (!value.isNull()) {
          throw wrongValue(operator, name(), "a string, number, boolean or null", value);
        }
      }
      return groups;
    }

    private Expr text() {
      return new Expr("pk_json_text(v.attributes, ?)", List.of(path), true);
    }

    private Expr number() {
      return new Expr("pk_json_num(v.attributes, ?)", List.of(path), true);
    }
  }

  /** A SQL expression, its own parameters, and whether it can be NULL. */
  record Expr(String sql, List<Object> params, boolean nullable) {

    SqlFilter compare(String sqlOperator, Object value) {
      return new SqlFilter(sql + " " + sqlOperator + " ?", with(params, List.of(value)));
    }

    SqlFilter isNull(boolean isNull) {
      return new SqlFilter(sql + (isNull ? " IS NULL" : " IS NOT NULL"), params);
    }

    /** The values, each group by its expression, any matching; or a missing value, if asked. */
    static SqlFilter anyOf(Map<Expr, List<Object>> groups, Expr nullable, boolean orMissing) {
      List<SqlFilter> parts = new ArrayList<>();
      groups.forEach((expr, values) -> parts.add(expr.in(values, false)));
      if (orMissing) {
        parts.add(nullable.isNull(true));
      }
      return SqlFilter.or(parts);
    }

    /** None of the values, a missing value included unless {@code butNotMissing}. */
    static SqlFilter noneOf(Map<Expr, List<Object>> groups, Expr nullable, boolean butNotMissing) {
      List<SqlFilter> parts = new ArrayList<>();
      groups.forEach((expr, values) -> parts.add(expr.orMissing(expr.in(values, true))));
      if (butNotMissing) {
        parts.add(nullable.isNull(false));
      }
      return SqlFilter.and(parts);
    }

    private SqlFilter in(List<Object> values, boolean negated) {
      if (values.size() == 1) {
        return compare(negated ? "<>" : "=", values.get(0));
      }
      String placeholders = String.join(", ", values.stream().map(value -> "?").toList());
      return new SqlFilter(
          sql + (negated ? " NOT IN (" : " IN (") + placeholders + ")", with(params, values));
    }

    private SqlFilter orMissing(SqlFilter condition) {
      return nullable ? SqlFilter.or(List.of(isNull(true), condition)) : condition;
    }

    private static List<Object> with(List<Object> first, List<Object> second) {
      List<Object> all = new ArrayList<>(first);
      all.addAll(second);
      return all;
    }
  }

  private static boolean hasNull(List<JsonNode> values) {
    return values.stream().anyMatch(JsonNode::isNull);
  }

  private static InvalidQueryException wrongValue(
      String operator, String name, String expected, JsonNode value) {
    String subject = operator == null ? "'" + name + "'" : operator + " on '" + name + "'";
    return new InvalidQueryException(
        "query", subject + " needs " + expected + ", got " + describe(value));
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "'" + value.textValue() + "'";
    }
    if (value.isObject() || value.isArray()) {
      return value.isObject() ? "an object" : "an array";
    }
    return value.isNull()
        ? "null"
        : value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
  }
}
