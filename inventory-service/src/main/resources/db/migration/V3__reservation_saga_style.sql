-- Which saga style reserved the stock: a choreographed reservation is released by inventory itself
-- when it hears PaymentDeclined; an orchestrated one only on the orchestrator's ReleaseStockCommand.
alter table reservation add column saga varchar(16) default 'ORCHESTRATION' not null;
