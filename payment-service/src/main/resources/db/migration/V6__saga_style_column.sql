-- One spelling of the saga style in every service's tables: a saga_style column holding the name of
-- contracts' SagaStyle (ORCHESTRATION, CHOREOGRAPHY). This table already held those values in a
-- column called saga. It stays nullable: a charge noted on StockReserved does not know its style
-- until OrderPlaced is heard.
alter table choreography_charge rename column saga to saga_style;
-- No check constraint on the values (see docs/decisions.md, "The saga style: one spelling"): one
-- added to a table of H2's shared mixed mode broke every insert once the instance serving the file
-- changed. The code writes SagaStyle's names only.
