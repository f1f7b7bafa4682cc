-- Phase hooks: definitions (global, per subject, per template) and the record of every run.
-- Runs are written in the transaction of the phase change that fired them.

create table pk_hook_definition (
  id               varchar(24)   primary key,
  name             varchar(255)  not null,
  scope            varchar(16)   not null,              -- global | subject | template
  owner_id         varchar(24)   not null default '',   -- subject or template id; '' when global
  tenant_id        varchar(24),
  kind             varchar(16)   not null,              -- service | cluster | host | job | any
  hook_type        varchar(16)   not null,              -- after | before
  current_phase    varchar(32),
  transition       varchar(32),
  next_phase       varchar(32),
  url              varchar(4000) not null,
  include_body     boolean       not null,
  timeout_seconds  integer       not null,
  created_at       timestamp with time zone not null,
  version          integer       not null default 1,
  constraint pk_hook_definition_scope_check check (scope in ('global', 'subject', 'template')),
  constraint pk_hook_definition_kind_check
    check (kind in ('service', 'cluster', 'host', 'job', 'any')),
  constraint pk_hook_definition_type_check check (hook_type in ('after', 'before')),
  constraint pk_hook_definition_name unique (scope, owner_id, name)
);
create index pk_hook_definition_owner on pk_hook_definition (owner_id);

create table pk_hook_run (
  id                   varchar(24)   primary key,
  definition_id        varchar(24)   not null,
  hook_name            varchar(255)  not null,
  global_hook          boolean       not null,
  subject_id           varchar(24)   not null,
  subject_kind         varchar(16)   not null,
  tenant_id            varchar(24),
  from_phase           varchar(32),
  transition           varchar(32),
  to_phase             varchar(32)   not null,
  url                  varchar(4000) not null,
  include_body         boolean       not null,
  timeout_seconds      integer       not null,
  status               varchar(16)   not null,          -- WAITING | SUCCEEDED | FAILED
  exit_code            integer,
  process_id           bigint,                          -- the script's OS pid
  standard_output      text,
  standard_error       text,
  message              varchar(2000),                  -- why it ended as it did, for operators
  start_date           timestamp with time zone,
  end_date             timestamp with time zone,
  created_at           timestamp with time zone not null,
  process_instance_id  varchar(64),
  token_hash           varchar(64),
  version              integer       not null default 1,
  constraint pk_hook_run_status_check check (status in ('WAITING', 'SUCCEEDED', 'FAILED'))
);
create index pk_hook_run_created on pk_hook_run (created_at, id);
create index pk_hook_run_subject on pk_hook_run (subject_id, created_at);
create index pk_hook_run_tenant on pk_hook_run (tenant_id, created_at);
create index pk_hook_run_status on pk_hook_run (status, created_at);
create index pk_hook_run_definition on pk_hook_run (definition_id);
