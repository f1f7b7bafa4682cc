package dev.phasekeeper.security.internal;

import dev.phasekeeper.web.FieldLimits;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.OffsetDateTime;
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

/** Users, for admins. */
@RestController
@RequestMapping(path = "/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: users")
class AdminUsersController {

  /** The body of a POST; {@code tenant} is a tenant's name or id, left out for an admin. */
  record NewUser(String name, String role, String tenant) {

    /** pk_user's and pk_tenant's columns. */
    static final FieldLimits LIMITS = FieldLimits.of("name", 200, "role", 16, "tenant", 200);
  }

  /** A user as the API shows it. */
  record UserView(
      String id, String name, String role, String tenant, String tenantId, OffsetDateTime created) {

    static UserView of(UserAccounts.User user) {
      return new UserView(
          user.id(),
          user.name(),
          user.role().value(),
          user.tenant(),
          user.tenantId(),
          user.created());
    }
  }

  private final UserAccounts users;

  AdminUsersController(UserAccounts users) {
    this.users = users;
  }

  @GetMapping
  @Operation(summary = "List users by name, a page at a time (max, offset)")
  Page<UserView> list(
      @RequestParam(required = false) Integer max, @RequestParam(required = false) Integer offset) {
    Page<UserAccounts.User> page = users.page(PageRequest.of(max, offset));
    return Page.of(page.totalCount(), page.results().stream().map(UserView::of).toList());
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create a user: role admin (no tenant) or user (of one tenant)")
  ResponseEntity<UserView> create(@RequestBody NewUser body) {
    AdminException.checkLimits(NewUser.LIMITS, body);
    UserAccounts.User user = users.create(body.name(), body.role(), body.tenant());
    return ResponseEntity.created(URI.create("/admin/users/" + user.id())).body(UserView.of(user));
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a user")
  UserView get(@PathVariable String id) {
    return UserView.of(users.get(id));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a user and its API keys")
  ResponseEntity<Void> delete(@PathVariable String id) {
    users.delete(id);
    return ResponseEntity.noContent().build();
  }
}
