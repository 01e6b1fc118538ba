package com.example.playground.support.observation;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class ObservationAutoConfiguration {

    @Bean
    QuietBackgroundWork quietBackgroundWork() {
        return new QuietBackgroundWork();
    }
}
