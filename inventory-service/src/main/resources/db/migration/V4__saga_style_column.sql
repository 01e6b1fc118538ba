-- One spelling of the saga style in every service's tables: a saga_style column holding the name of
-- contracts' SagaStyle (ORCHESTRATION, CHOREOGRAPHY). This table already held those values in a
-- column called saga. No default: whoever reserves says for which style.
alter table reservation rename column saga to saga_style;
alter table reservation alter column saga_style drop default;
alter table reservation add constraint reservation_saga_style check (saga_style in ('ORCHESTRATION', 'CHOREOGRAPHY'));
