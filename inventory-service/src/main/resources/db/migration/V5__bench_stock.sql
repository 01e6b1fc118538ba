-- What ./playground bench orders (see order-service's V4): stock for hours of load at 0.10 each.
insert into stock_item (sku, price, available) values ('sticker', 0.10, 10000000);
