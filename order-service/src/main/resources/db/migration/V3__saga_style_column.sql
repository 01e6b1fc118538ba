-- One spelling of the saga style in every service's tables: a saga_style column holding the name of
-- contracts' SagaStyle (ORCHESTRATION, CHOREOGRAPHY). This table held it in lower case in a column
-- called saga. The API still says "saga": "orchestration"; only what is stored changes.
alter table orders rename column saga to saga_style;
update orders set saga_style = upper(saga_style);
alter table orders add constraint orders_saga_style check (saga_style in ('ORCHESTRATION', 'CHOREOGRAPHY'));
