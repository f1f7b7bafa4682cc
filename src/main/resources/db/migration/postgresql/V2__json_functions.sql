-- JSON documents become jsonb, and the JSON functions of the services query language.
-- H2's V2 defines the same three functions in Java (H2JsonFunctions, which states their
-- rules); both databases must answer alike.

alter table pk_service
  alter column attributes type jsonb using attributes::jsonb,
  alter column steps_completed type jsonb using steps_completed::jsonb,
  alter column included_services type jsonb using included_services::jsonb,
  alter column service_template type jsonb using service_template::jsonb;

alter table pk_subject
  alter column phase_reason type jsonb using phase_reason::jsonb;

-- The value at a dotted path as text: strings unquoted, other scalars as their JSON text,
-- objects and arrays as jsonb text; missing or JSON null gives NULL.
create or replace function pk_json_text(doc jsonb, path text) returns text
  language sql immutable strict parallel safe
as $$
  select case jsonb_typeof(doc #> string_to_array(path, '.'))
           when 'null' then null
           else doc #>> string_to_array(path, '.')
         end
$$;

-- The value at a dotted path as a number: a JSON number, or a string that is exactly a
-- decimal number (Moab attributes often hold "2500"); anything else gives NULL.
create or replace function pk_json_num(doc jsonb, path text) returns double precision
  language sql immutable strict parallel safe
as $$
  select case jsonb_typeof(doc #> string_to_array(path, '.'))
           when 'number' then (doc #>> string_to_array(path, '.'))::double precision
           when 'string' then
             case when (doc #>> string_to_array(path, '.'))
                       ~ '^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$'
                  then (doc #>> string_to_array(path, '.'))::double precision
             end
         end
$$;

-- Whether the document is an array with the string as one of its elements.
create or replace function pk_json_contains(doc jsonb, step text) returns boolean
  language sql immutable strict parallel safe
as $$
  select jsonb_typeof(doc) = 'array' and doc @> jsonb_build_array(step)
$$;
