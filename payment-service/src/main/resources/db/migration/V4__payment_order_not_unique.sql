-- One payment per order is what the idempotent consumer and Payments.authorize guarantee, not a
-- unique constraint: the consume-without-idempotency switch must be able to show a double charge.
-- Rebuilt rather than altered, because the constraint's name differs between H2 and PostgreSQL.
create table payment_rebuilt (
    payment_id  varchar(36)    primary key,
    order_id    varchar(36)    not null,
    customer_id varchar(64)    not null,
    amount      numeric(12, 2),
    status      varchar(16)    not null,
    reason      varchar(500),
    created_at  timestamp(6) with time zone not null,
    updated_at  timestamp(6) with time zone not null
);
insert into payment_rebuilt (payment_id, order_id, customer_id, amount, status, reason, created_at, updated_at)
    select payment_id, order_id, customer_id, amount, status, reason, created_at, updated_at from payment;
drop table payment;
alter table payment_rebuilt rename to payment;
create index payment_order on payment (order_id);
