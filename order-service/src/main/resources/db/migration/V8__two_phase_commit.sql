-- The coordinator's log of two-phase commit (docs/patterns/two-phase-commit.md): one row per order
-- placed that way. PREPARING while the participants vote; COMMITTING or ABORTING once decided (in the
-- same local transaction as the order's APPROVED or REJECTED: that commit is the decision);
-- COMMITTED or ABORTED once every participant has been told.
create table two_phase_commit (
    order_id   varchar(36) primary key references orders (order_id),
    state      varchar(16) not null,
    started_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null
);
