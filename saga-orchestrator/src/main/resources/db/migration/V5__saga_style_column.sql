-- One spelling of the saga style in every service's tables: a saga_style column holding the name of
-- contracts' SagaStyle (ORCHESTRATION, CHOREOGRAPHY). This table already held those values in a
-- column called style. No default: whoever writes a row says which style it is.
alter table saga_instance rename column style to saga_style;
alter table saga_instance alter column saga_style drop default;
alter table saga_instance add constraint saga_instance_saga_style check (saga_style in ('ORCHESTRATION', 'CHOREOGRAPHY'));
