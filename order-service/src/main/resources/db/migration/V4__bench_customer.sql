-- The customer of ./playground bench: its orders (one sticker each) have credit and stock enough for
-- hours of load, so a benchmark measures full sagas from first to last order instead of running the
-- demo customers' credit or the demo stock dry. Its credit lives in payment-service, the stock in
-- inventory-service.
insert into customer (customer_id, name) values ('bench', 'Benchmark');
