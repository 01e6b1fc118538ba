-- The postgres profile only (docs/patterns/shared-database.md): after every migration, the service's
-- own role may use its schema's tables and nothing else. Migrations run as the database's owner
-- (playground.db.username); the service runs as its role (playground.db.role), which can read and
-- write rows in its schema but cannot change the schema, and cannot see any other service's.
-- Idempotent: it runs at every start, so tables a later migration adds are granted too.
do $$
begin
    if not exists (select from pg_roles where rolname = '${role}') then
        create role ${role} login;
    end if;
end
$$;
-- Roles belong to the whole server: set its password every time, in case the owner's changed.
alter role ${role} login password '${role_password}';
grant usage on schema ${flyway:defaultSchema} to ${role};
grant select, insert, update, delete on all tables in schema ${flyway:defaultSchema} to ${role};
grant usage, select, update on all sequences in schema ${flyway:defaultSchema} to ${role};
-- Its own migration history is the owner's to write: the service may read it, not change it.
revoke insert, update, delete on ${flyway:defaultSchema}.${flyway:table} from ${role};
