-- Before hooks: a run of a before hook names the execution that waits on the phase element for
-- it (see lifecycle.PhaseEntryChecks); null for after hooks, which nothing waits for.
alter table pk_hook_run add column entry_execution_id varchar(64);
