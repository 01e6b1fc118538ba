-- Choreographed orders get a saga row too: a read model built from the participants' events, so
-- GET /api/sagas/{orderId} shows both styles side by side.
alter table saga_instance add column style varchar(16) default 'ORCHESTRATION' not null;
