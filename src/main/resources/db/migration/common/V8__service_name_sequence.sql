-- The last number given to each base name (a service is <base name>.<number>). Creates take
-- their numbers here, in short transactions of their own, so concurrent creates of the same
-- names neither pick the same number nor wait for each other's whole request.
create table pk_service_name_seq (
  base_name  varchar(255) primary key,
  last_seq   integer      not null
);
insert into pk_service_name_seq (base_name, last_seq)
  select base_name, max(name_seq) from pk_service group by base_name;
