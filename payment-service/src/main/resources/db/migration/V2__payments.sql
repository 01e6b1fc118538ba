-- Each customer's credit with the simulated payment provider.
create table customer_account (
    customer_id varchar(64)    primary key,
    credit      numeric(12, 2) not null check (credit >= 0)
);

create table payment (
    payment_id  varchar(36)    primary key,
    order_id    varchar(36)    not null unique,
    customer_id varchar(64)    not null,
    amount      numeric(12, 2),
    status      varchar(16)    not null,
    reason      varchar(500),
    created_at  timestamp(6) with time zone not null,
    updated_at  timestamp(6) with time zone not null
);

-- Seed data: alice can pay, bob's payments are declined.
insert into customer_account (customer_id, credit) values ('alice', 10000.00);
insert into customer_account (customer_id, credit) values ('bob', 0.00);
