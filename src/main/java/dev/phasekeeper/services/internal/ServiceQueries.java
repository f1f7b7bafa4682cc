package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasekeeper.security.Caller;
import dev.phasekeeper.web.JsonFields;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** GET on the services collection: query, sort, paging, fields, in Moab's envelope. */
@Component
class ServiceQueries {

  private static final int MAX_JSON_DEPTH = 32;

  private final ServiceRepository services;
  private final ServiceReader reader;
  private final ServiceQuery query;
  private final ServiceSort sort;

  ServiceQueries(ServiceRepository services, ServiceReader reader) {
    this.services = services;
    this.reader = reader;
    LenientJson lenient = new LenientJson(JsonNodeFactory.instance, MAX_JSON_DEPTH);
    this.query = new ServiceQuery(lenient);
    this.sort = new ServiceSort(lenient);
  }

  /** The page of services the caller may see that match, with totalCount and resultCount. */
  @Transactional(readOnly = true)
  Page<ObjectNode> list(
      String queryText,
      String sortText,
      List<String> fields,
      List<String> excluded,
      PageRequest page,
      Caller caller) {
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
    List<ObjectNode> results = new ArrayList<>();
    for (ObjectNode doc :
        reader.render(services.query(where, params, orderBy, page.max(), page.offset()))) {
      results.add(JsonFields.project(doc, fields, excluded));
    }
    return Page.of(total, results);
  }
}
