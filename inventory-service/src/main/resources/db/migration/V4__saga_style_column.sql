-- One spelling of the saga style in every service's tables: a saga_style column holding the name of
-- contracts' SagaStyle (ORCHESTRATION, CHOREOGRAPHY). This table already held those values in a
-- column called saga. No default: whoever reserves says for which style.
alter table reservation rename column saga to saga_style;
alter table reservation alter column saga_style drop default;
-- No check constraint on the values (see docs/decisions.md, "The saga style: one spelling"): one
-- added to a table of H2's shared mixed mode broke every insert once the instance serving the file
-- changed. The code writes SagaStyle's names only.
