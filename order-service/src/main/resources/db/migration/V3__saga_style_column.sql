-- One spelling of the saga style in every service's tables: a saga_style column holding the name of
-- contracts' SagaStyle (ORCHESTRATION, CHOREOGRAPHY). This table held it in lower case in a column
-- called saga. The API still says "saga": "orchestration"; only what is stored changes.
alter table orders rename column saga to saga_style;
update orders set saga_style = upper(saga_style);
-- No check constraint on the values (see docs/decisions.md, "The saga style: one spelling"): one
-- added to a table of H2's shared mixed mode broke every insert once the instance serving the file
-- changed. The code writes SagaStyle's names only.
