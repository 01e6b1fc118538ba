-- One database per service (its Flyway migrations then make a schema of the same name inside).
create database orders;
create database payments;
create database inventory;
create database sagas;
