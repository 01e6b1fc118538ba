-- A choreographed order that order-service rejected (timed out, say) is never charged, and a
-- charge made before the rejection is refunded.
alter table choreography_charge add column order_rejected boolean default false not null;
