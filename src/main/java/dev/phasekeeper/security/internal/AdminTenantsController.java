package dev.phasekeeper.security.internal;

import dev.phasekeeper.web.FieldLimits;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tenants, for admins. */
@RestController
@RequestMapping(path = "/admin/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: tenants")
class AdminTenantsController {

  /** The body of a POST. */
  record NewTenant(String name) {

    /** pk_tenant's column. */
    static final FieldLimits LIMITS = FieldLimits.of("name", 200);
  }

  private final TenantAdmin tenants;

  AdminTenantsController(TenantAdmin tenants) {
    this.tenants = tenants;
  }

  @GetMapping
  @Operation(summary = "List tenants by name, a page at a time (max, offset)")
  Page<TenantAdmin.TenantView> list(
      @RequestParam(required = false) Integer max, @RequestParam(required = false) Integer offset) {
    return tenants.page(PageRequest.of(max, offset));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create a tenant")
  ResponseEntity<TenantAdmin.TenantView> create(@RequestBody NewTenant body) {
    AdminException.checkLimits(NewTenant.LIMITS, body);
    TenantAdmin.TenantView tenant = tenants.create(body.name());
    return ResponseEntity.created(URI.create("/admin/tenants/" + tenant.id())).body(tenant);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a tenant")
  TenantAdmin.TenantView get(@PathVariable String id) {
    return tenants.get(id);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a tenant that has no users and no objects")
  ResponseEntity<Void> delete(@PathVariable String id) {
    tenants.delete(id);
    return ResponseEntity.noContent().build();
  }
}
