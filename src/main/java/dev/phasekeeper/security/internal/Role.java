package dev.phasekeeper.security.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a user may do: an admin everything in every tenant, a user its own tenant's objects. */
enum Role {
  ADMIN,
  USER;

  /** As stored in pk_user.role and shown in JSON. */
  String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  List<GrantedAuthority> authorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + name()));
  }

  /** A value of pk_user.role. */
  static Role stored(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** A role named in a request. */
  static Role of(String value) {
    return Arrays.stream(values())
        .filter(role -> role.value().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                AdminException.invalid(
                    "role",
                    "'"
                        + value
                        + "' is not a role; use "
                        + Arrays.stream(values())
                            .map(Role::value)
                            .collect(Collectors.joining(" or "))));
  }
}
