-- The whole shop in one schema: what order-service, payment-service and inventory-service keep in
-- three databases. One transaction can read and change all of it (see order/Orders).

-- Each customer's credit (payment-service's customer_account).
create table customer (
    customer_id varchar(64)    primary key,
    credit      numeric(12, 2) not null check (credit >= 0)
);

-- What can be sold, at what price, and how many are left (inventory-service's stock_item, without
-- "reserved": nothing is ever reserved here, an order takes its stock or does not).
create table product (
    sku       varchar(64)    primary key,
    price     numeric(12, 2) not null,
    available integer        not null check (available >= 0)
);

-- Named shop_order, not order: ORDER is a reserved word in SQL.
create table shop_order (
    order_id         varchar(36)    primary key,
    customer_id      varchar(64)    not null references customer (customer_id),
    total            numeric(12, 2) not null,
    status           varchar(16)    not null,
    rejection_reason varchar(500),
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null
);

create table order_line (
    order_id   varchar(36)    not null references shop_order (order_id),
    sku        varchar(64)    not null references product (sku),
    quantity   integer        not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    primary key (order_id, sku)
);

-- The same seed data as the services, so the same requests give the same answers.
-- alice can pay, bob cannot; carol as in the services' seed; bench: the customer of ./playground bench.
insert into customer (customer_id, credit) values ('alice', 10000.00);
insert into customer (customer_id, credit) values ('bob', 0.00);
insert into customer (customer_id, credit) values ('carol', 10000.00);
insert into customer (customer_id, credit) values ('bench', 10000000.00);

insert into product (sku, price, available) values ('book', 12.50, 1000);
insert into product (sku, price, available) values ('pen', 1.20, 1000);
insert into product (sku, price, available) values ('rare-coin', 500.00, 0);
insert into product (sku, price, available) values ('sticker', 0.10, 10000000);
