package dev.phasekeeper.services.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fields of a Moab service that {@code query} and {@code sort} may name, and the fixed SQL
 * expression behind each. The SQL runs over {@code pk_service v JOIN pk_subject s ON s.id = v.id
 * LEFT JOIN pk_tenant t ON t.id = v.tenant_id}. Only these expressions ever reach the SQL text;
 * names from a request are looked up, never copied. {@code attributes.<path>} is handled apart,
 * because its path is a parameter.
 */
enum ServiceField {
  ID("id", "v.id", Type.STRING, false),
  NAME("name", "v.name", Type.STRING, false),
  TYPE("type", "v.type", Type.STRING, true),
  LABEL("label", "v.label", Type.STRING, true),
  USER("user", "v.user_name", Type.STRING, true),
  ACCOUNT("account", "v.account", Type.STRING, true),
  STATUS("status", "v.status", Type.STRING, true),
  STATUS_CODE("statusCode", "v.status_code", Type.NUMBER, true),
  PHASE("phase", "s.phase", Type.PHASE, true),
  PARENT("parent", "v.parent_name", Type.STRING, true),
  DATE_CREATED("dateCreated", "v.date_created", Type.DATE, false),
  LAST_UPDATED("lastUpdated", "v.last_updated", Type.DATE, false),
  DATE_DELETED("dateDeleted", "v.date_deleted", Type.DATE, true),
  START_DATE_REQUESTED("startDateRequested", "v.start_date_requested", Type.DATE, true),
  START_DATE_SCHEDULED("startDateScheduled", "v.start_date_scheduled", Type.DATE, true),
  DURATION_REQUESTED("durationRequested", "v.duration_requested", Type.NUMBER, true),
  TENANT_ID("tenant.id", "v.tenant_id", Type.STRING, true),
  TENANT_NAME("tenant.name", "t.name", Type.STRING, true),
  STEPS_COMPLETED("stepsCompleted", "v.steps_completed", Type.STEPS, false);

  /** The prefix of a field inside the service's attributes document. */
  static final String ATTRIBUTES_PREFIX = "attributes.";

  /** How values are compared. */
  enum Type {
    /** Text compared as it is. */
    STRING,
    /** Text stored in lower case and compared regardless of case. */
    PHASE,
    /** A whole or decimal number. */
    NUMBER,
    /** A point in time, given as {@code 2011-12-07 16:03:40 UTC} or ISO-8601. */
    DATE,
    /** A JSON array of step names, matched by membership. */
    STEPS
  }

  private final String apiName;

  private final String column;

  private final Type type;

  private final boolean nullable;

  ServiceField(String apiName, String column, Type type, boolean nullable) {
    this.apiName = apiName;
    this.column = column;
    this.type = type;
    this.nullable = nullable;
  }

  /** The name in the Moab API, e.g. {@code statusCode}. */
  String apiName() {
    return apiName;
  }

  /** The SQL expression, e.g. {@code v.status_code}. */
  String column() {
    return column;
  }

  Type type() {
    return type;
  }

  /** Whether the column can be NULL (which matters for the order of NULLs in a sort). */
  boolean nullable() {
    return nullable;
  }

  /** Whether {@code sort} may name the field; step lists have no order. */
  boolean sortable() {
    return type != Type.STEPS;
  }

  static Optional<ServiceField> byApiName(String name) {
    return Arrays.stream(values()).filter(field -> field.apiName.equals(name)).findFirst();
  }

  /** For messages: the names {@code query} accepts. */
  static String queryableNames() {
    return Arrays.stream(values())
        .map(ServiceField::apiName)
        .collect(Collectors.joining(", ", "", ", attributes.<path>"));
  }

  /** For messages: the names {@code sort} accepts. */
  static String sortableNames() {
    return Arrays.stream(values())
        .filter(ServiceField::sortable)
        .map(ServiceField::apiName)
        .collect(Collectors.joining(", "));
  }
}
