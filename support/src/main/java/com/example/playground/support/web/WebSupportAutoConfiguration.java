package com.example.playground.support.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Problem details for every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandling.class)
public class WebSupportAutoConfiguration {

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(
            @Value("${playground.web.max-request-size:16KB}") DataSize limit, JsonMapper json) {
        return new RequestSizeLimitFilter(limit, json);
    }
}
