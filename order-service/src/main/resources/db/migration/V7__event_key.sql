-- The record key of an order's events, chosen once when the order is placed (the order id, or the
-- customer's with the orders-keyed-by-customer switch on; docs/patterns/partitioning.md), so all of
-- an order's events land on one partition even if the switch is flipped while the order is in flight.
-- Orders placed before this column existed were keyed by their id, and still are.
alter table orders add column event_key varchar(64);
