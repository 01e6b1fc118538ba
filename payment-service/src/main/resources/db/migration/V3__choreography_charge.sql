-- Choreography: payment-service charges when it has heard both that an order was placed (who pays,
-- how much) and that its stock was reserved. The two events arrive on different topics, in either
-- order, so each one is noted here and the charge happens when both are in.
create table choreography_charge (
    order_id       varchar(36)    primary key,
    saga           varchar(16),
    customer_id    varchar(64),
    amount         numeric(12, 2),
    stock_reserved boolean        not null,
    charged        boolean        not null
);
