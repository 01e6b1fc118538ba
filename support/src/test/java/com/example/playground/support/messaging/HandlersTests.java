package com.example.playground.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.contracts.OrderApproved;
import com.example.playground.contracts.ReleaseStockCommand;
import com.example.playground.contracts.ReserveStockCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlersTests {

    final List<String> handled = new ArrayList<>();

    @Test
    void eachMessageGoesToTheHandlerOfItsTypeAndOtherTypesAreIgnored() {
        Handlers handlers = new Handlers()
                .on(ReserveStockCommand.class, command -> handled.add("reserve " + command.orderId()))
                .on(ReleaseStockCommand.class, command -> handled.add("release " + command.orderId()));

        handlers.accept(new ReleaseStockCommand("order-1"));
        handlers.accept(new OrderApproved("order-1"));
        handlers.accept(new ReserveStockCommand("order-2", List.of()));

        assertThat(handled).containsExactly("release order-1", "reserve order-2");
        assertThat(handlers.types()).containsExactly(ReserveStockCommand.class, ReleaseStockCommand.class);
    }

    @Test
    void aTypeHasOneHandler() {
        Handlers handlers = new Handlers().on(OrderApproved.class, approved -> { });

        assertThatThrownBy(() -> handlers.on(OrderApproved.class, approved -> { }))
                .hasMessage("OrderApproved has a handler already");
    }
}
