-- The phase a subject was in before its current one. A phase change sets it in the same
-- statement that sets the new phase (SET reads the old row), so the change locks the row and
-- learns where it came from at once, without SELECT ... FOR UPDATE, which H2 parses anew on
-- every call.
alter table pk_subject add column previous_phase varchar(32);
