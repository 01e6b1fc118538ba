package com.example.playground.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicsTests {

    @Test
    void everyMessageTypeHasATopicAndCanBeFoundByItsName() {
        Stream.concat(Arrays.stream(Command.class.getPermittedSubclasses()),
                        Arrays.stream(Event.class.getPermittedSubclasses()))
                .map(type -> type.asSubclass(Message.class))
                .forEach(type -> {
                    assertThat(Topics.all()).contains(Topics.of(type));
                    assertThat(Topics.typeNamed(Topics.typeName(type))).contains(type);
                });
    }

    @Test
    void commandsAreImperativeAndEventsArePastTense() {
        assertThat(Command.class.getPermittedSubclasses())
                .allSatisfy(type -> assertThat(type.getSimpleName()).endsWith("Command"));
        assertThat(Event.class.getPermittedSubclasses())
                .allSatisfy(type -> assertThat(type.getSimpleName()).doesNotEndWith("Command").endsWith("ed"));
    }

    @Test
    void unknownTypeNamesAreNotGuessed() {
        assertThat(Topics.typeNamed("DropAllTablesCommand")).isEmpty();
        assertThat(Topics.deadLetter(Topics.PAYMENT_COMMANDS)).isEqualTo("payment.commands.dlt");
    }
}
