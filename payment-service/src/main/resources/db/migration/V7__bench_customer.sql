-- The customer of ./playground bench (see order-service's V4): credit for 100 million stickers.
insert into customer_account (customer_id, credit) values ('bench', 10000000.00);
