package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.web.JsonFields;
import dev.phasekeeper.web.MoabJson;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** GET on the services collection: query, sort, paging, fields, in Moab's envelope. */
@Component
class ServiceQueries {

  static final int DEFAULT_MAX = 100;
  static final int MAX_MAX = 1000;
  private static final int MAX_JSON_DEPTH = 32;

  private final ServiceRepository services;
  private final ServiceReader reader;
  private final ServiceQuery query;
  private final ServiceSort sort;
  private final ObjectMapper json;

  ServiceQueries(ServiceRepository services, ServiceReader reader, ObjectMapper json) {
    this.services = services;
    this.reader = reader;
    LenientJson lenient = new LenientJson(JsonNodeFactory.instance, MAX_JSON_DEPTH);
    this.query = new ServiceQuery(lenient);
    this.sort = new ServiceSort(lenient);
    this.json = json;
  }

  /** The page of services the caller may see that match, with totalCount and resultCount. */
  @Transactional(readOnly = true)
  ObjectNode list(String queryText, String sortText, List<String> fields, List<String> excluded,
      Integer max, Integer offset, Caller caller) {
    int limit = limit(max);
    int skip = offset == null ? 0 : offset;
    if (skip < 0) {
      throw MoabException.badRequest("offset: must be 0 or more");
    }
    SqlFilter filter;
    String orderBy;
    try {
      filter = query.translate(queryText);
      orderBy = sort.orderBy(sortText);
    } catch (InvalidQueryException | MalformedJsonException e) {
      throw MoabException.badRequest(e.getMessage());
    }
    String where = filter.where();
    List<Object> params = new ArrayList<>(filter.params());
    if (!caller.admin()) {
      where = "(" + where + ") and v.tenant_id = ?";
      params.add(caller.tenantId());
    }
    long total = services.count(where, params);
    ArrayNode results = json.createArrayNode();
    for (ObjectNode doc : reader.render(services.query(where, params, orderBy, limit, skip))) {
      results.add(JsonFields.project(doc, fields, excluded));
    }
    return MoabJson.page(total, results);
  }

  private static int limit(Integer max) {
    if (max == null) {
      return DEFAULT_MAX;
    }
    if (max < 1 || max > MAX_MAX) {
      throw MoabException.badRequest("max: must be between 1 and " + MAX_MAX);
    }
    return max;
  }
}
