-- Every phase entry asks whether any before hook could apply (HookDefinitionRepository.anyOfType).
create index pk_hook_definition_type on pk_hook_definition (hook_type, scope, owner_id);
