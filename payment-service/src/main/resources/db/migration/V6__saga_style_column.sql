-- One spelling of the saga style in every service's tables: a saga_style column holding the name of
-- contracts' SagaStyle (ORCHESTRATION, CHOREOGRAPHY). This table already held those values in a
-- column called saga. It stays nullable: a charge noted on StockReserved does not know its style
-- until OrderPlaced is heard.
alter table choreography_charge rename column saga to saga_style;
alter table choreography_charge add constraint choreography_charge_saga_style
    check (saga_style in ('ORCHESTRATION', 'CHOREOGRAPHY'));
