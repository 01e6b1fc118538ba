-- Event sourcing: a customer's credit is the ledger of what happened to it (opened, authorised,
-- refunded); customer_account.credit is the balance folded from it, written in the same transaction
-- as each event, and version the last event folded in. seq numbers one customer's events 1, 2, 3...:
-- the update of the account row that takes the next number also locks it until the commit.
create table credit_event (
    customer_id varchar(64)    not null,
    seq         bigint         not null,
    kind        varchar(16)    not null,
    amount      numeric(12, 2) not null,
    order_id    varchar(36),
    payment_id  varchar(36),
    occurred_at timestamp(6) with time zone not null,
    primary key (customer_id, seq)
);
alter table customer_account add column version bigint default 0 not null;
-- The accounts that exist already open their ledger with the credit they have now (see
-- docs/patterns/event-sourcing.md): what they spent before has no events to replay.
insert into credit_event (customer_id, seq, kind, amount, order_id, payment_id, occurred_at)
    select customer_id, 1, 'OPENED', credit, null, null, current_timestamp from customer_account;
update customer_account set version = 1;
-- carol: the customer of the event-sourcing scenario, opened by an event like any account from now
-- on (order-service's V6 knows her too). On a fresh stack her ledger says 10000.00.
insert into customer_account (customer_id, credit, version) values ('carol', 10000.00, 1);
insert into credit_event (customer_id, seq, kind, amount, order_id, payment_id, occurred_at)
    values ('carol', 1, 'OPENED', 10000.00, null, null, current_timestamp);
