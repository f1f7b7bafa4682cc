-- JSON functions of the services query language (see H2JsonFunctions for their rules).
-- PostgreSQL's V2 defines the same three functions; queries use them the same way on both.
create alias pk_json_text deterministic for 'dev.phasekeeper.services.internal.H2JsonFunctions.jsonText';
create alias pk_json_num deterministic for 'dev.phasekeeper.services.internal.H2JsonFunctions.jsonNum';
create alias pk_json_contains deterministic for 'dev.phasekeeper.services.internal.H2JsonFunctions.jsonContains';
