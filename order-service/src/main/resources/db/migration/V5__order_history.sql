-- CQRS: the order history, a read model projected from the event topics (docs/patterns/cqrs.md).
-- Nothing in it is written by the order API: only the projection writes, and a rebuild empties
-- both tables and reads the topics again from the start.
create table order_history (
    order_id       varchar(36)    primary key,
    customer_id    varchar(64),
    saga           varchar(16),
    total          numeric(12, 2),
    items          varchar(2000),
    order_status   varchar(16)    not null,
    payment_status varchar(16),
    stock_status   varchar(16),
    reason         varchar(500),
    -- Times of the events (the records' timestamps), not of the projection: a rebuild ends equal.
    placed_at      timestamp(6) with time zone,
    updated_at     timestamp(6) with time zone not null,
    events         integer        not null
);

create index order_history_by_customer on order_history (customer_id, placed_at);

-- The projection's own inbox: the order listeners' marks in processed_message must not hide a
-- message from it, nor its marks a message from them.
create table order_history_message (
    message_id   varchar(36)  primary key,
    message_type varchar(100) not null,
    processed_at timestamp(6) with time zone not null
);
