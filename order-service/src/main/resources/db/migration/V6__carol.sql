-- carol: the customer of the event-sourcing scenario (docs/patterns/event-sourcing.md), whose credit
-- ledger in payment-service nothing else touches, so on a fresh stack its figures are round ones.
insert into customer (customer_id, name) values ('carol', 'Carol');
