create table stock_item (
    sku       varchar(64)    primary key,
    price     numeric(12, 2) not null,
    available integer        not null check (available >= 0),
    reserved  integer        not null default 0 check (reserved >= 0)
);

create table reservation (
    order_id varchar(36) not null,
    sku      varchar(64) not null references stock_item (sku),
    quantity integer     not null check (quantity > 0),
    status   varchar(16) not null,
    primary key (order_id, sku)
);

-- Seed data every fresh start has (README: "API examples").
insert into stock_item (sku, price, available) values ('book', 12.50, 1000);
insert into stock_item (sku, price, available) values ('pen', 1.20, 1000);
insert into stock_item (sku, price, available) values ('rare-coin', 500.00, 0);
