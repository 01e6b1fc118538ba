-- The owner changes its schema (docs/patterns/shared-database.md): a reservation's count is now called
-- units, the word inventory-service uses for what it holds. Its API still says "quantity": nobody who
-- asks inventory-service notices. Whoever reads this table directly (order-service, with the
-- shared-database switch on) breaks. H2 and PostgreSQL both take this form.
alter table reservation rename column quantity to units;
