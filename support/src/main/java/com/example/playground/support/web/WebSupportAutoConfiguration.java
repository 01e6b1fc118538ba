package com.example.playground.support.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Problem details, strict request bodies, a body size limit, plain paths and an OpenAPI description for every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemHandling.class, ApiDescription.class})
public class WebSupportAutoConfiguration {

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(
            @Value("${playground.web.max-request-size:16KB}") DataSize limit, JsonMapper json) {
        return new RequestSizeLimitFilter(limit, json);
    }

    @Bean
    AmbiguousPathFilter ambiguousPathFilter(JsonMapper json) {
        return new AmbiguousPathFilter(json);
    }

    /**
     * Spring MVC reads and writes JSON with a strict copy of the application's mapper (see
     * {@link StrictJson}). Applied to the finished list of converters, so it does not depend on the
     * order in which Boot's own customizers run.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer strictJsonRequestBodies(JsonMapper json) {
        JsonMapper strict = StrictJson.from(json);
        return builder -> builder.configureMessageConvertersList(converters -> converters.replaceAll(converter ->
                converter instanceof JacksonJsonHttpMessageConverter ? new JacksonJsonHttpMessageConverter(strict) : converter));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class TomcatProblems {

        /** Tomcat's own refusals (before Spring sees the request) are problems too; see ProblemErrorReportValve. */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemsFromTomcat() {
            return factory -> factory.addContextCustomizers(
                    context -> context.getParent().getPipeline().addValve(new ProblemErrorReportValve()));
        }
    }
}
