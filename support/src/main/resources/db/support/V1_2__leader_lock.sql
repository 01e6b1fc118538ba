-- Leader election (docs/patterns/leader-election.md): the lock table of Spring Integration's
-- DefaultLockRepository, as its own schema-h2.sql and schema-postgresql.sql define it. One row per
-- held lock; the leader renews its row's EXPIRED_AFTER, and another instance may take a row that
-- has expired.
create table INT_LOCK (
    LOCK_KEY      char(36)     not null,
    REGION        varchar(100) not null,
    CLIENT_ID     char(36),
    CREATED_DATE  timestamp    not null,
    EXPIRED_AFTER timestamp    not null,
    constraint INT_LOCK_PK primary key (LOCK_KEY, REGION)
);
