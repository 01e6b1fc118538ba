-- The trace an outbox message belongs to (W3C traceparent and friends, as JSON), so the relay can
-- publish it as part of that trace instead of starting a new one for every hop through the table.
alter table outbox_message add column trace_context varchar(1000);
