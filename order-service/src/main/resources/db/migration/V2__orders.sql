create table customer (
    customer_id varchar(64)  primary key,
    name        varchar(100) not null
);

create table orders (
    order_id         varchar(36)    primary key,
    customer_id      varchar(64)    not null references customer (customer_id),
    total            numeric(12, 2) not null,
    status           varchar(16)    not null,
    rejection_reason varchar(500),
    saga             varchar(16)    not null,
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null
);

create table order_line (
    order_id   varchar(36)    not null references orders (order_id),
    line_no    integer        not null,
    sku        varchar(64)    not null,
    quantity   integer        not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    primary key (order_id, line_no)
);

-- Idempotency-Key of POST /api/orders: the same key and request give back the same order.
create table idempotency_key (
    idempotency_key varchar(200) primary key,
    request_hash    varchar(64)  not null,
    order_id        varchar(36)  not null references orders (order_id),
    created_at      timestamp(6) with time zone not null
);

-- Seed data: the customers the README's examples use. Their credit lives in payment-service.
insert into customer (customer_id, name) values ('alice', 'Alice');
insert into customer (customer_id, name) values ('bob', 'Bob');
