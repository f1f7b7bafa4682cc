-- Accounts and API keys. Tenants are in V1 (pk_tenant).

-- role 'admin' sees every tenant and has no tenant_id; role 'user' belongs to one tenant.
create table pk_user (
  id          varchar(24)  primary key,
  name        varchar(200) not null,
  role        varchar(16)  not null,
  tenant_id   varchar(24),
  created_at  timestamp with time zone not null,
  constraint pk_user_name unique (name),
  constraint pk_user_role check (role in ('admin', 'user')),
  constraint pk_user_tenant_fk foreign key (tenant_id) references pk_tenant (id),
  constraint pk_user_tenant_role check ((role = 'admin' and tenant_id is null)
      or (role = 'user' and tenant_id is not null))
);
create index pk_user_tenant on pk_user (tenant_id);

-- The built-in admin. Its key is set at start-up from phasekeeper.security.admin-api-key, or
-- generated once and kept in <data dir>/admin-api-key.
insert into pk_user (id, name, role, tenant_id, created_at)
  values ('000000000000000000000001', 'admin', 'admin', null, current_timestamp);

-- key_hash is the SHA-256 (hex) of the key. Keys are long random tokens (at least 256 bits
-- for generated ones), so a fast unsalted hash is enough: there is nothing to guess from it,
-- and it lets a request find its key with one indexed lookup. Passwords would need a slow
-- salted hash; these are not passwords. The clear key is never stored.
create table pk_api_key (
  id            varchar(24)  primary key,
  user_id       varchar(24)  not null,
  key_hash      varchar(64)  not null,
  prefix        varchar(8)   not null,
  label         varchar(200),
  created_at    timestamp with time zone not null,
  last_used_at  timestamp with time zone,
  revoked       boolean      not null default false,
  constraint pk_api_key_hash unique (key_hash),
  constraint pk_api_key_user_fk foreign key (user_id) references pk_user (id) on delete cascade
);
create index pk_api_key_user on pk_api_key (user_id);
