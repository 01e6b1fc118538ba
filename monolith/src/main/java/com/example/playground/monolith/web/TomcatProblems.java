package com.example.playground.monolith.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat refuses some requests before Spring sees them (an encoded slash or NUL in the path, a
 * broken percent-encoding, a malformed header) with an HTML page of its own. Here that answer is a
 * problem like every other: 400 {@code malformed-request}, or the status's own type. The services
 * do the same in support's ProblemErrorReportValve; written again here for the reason docs/decisions.md
 * gives (the monolith shares no code with them).
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblems {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemsFromTomcat() {
        return factory -> factory.addContextCustomizers(
                context -> context.getParent().getPipeline().addValve(new ProblemValve()));
    }

    static final class ProblemValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
                return;
            }
            boolean unreadable = status == 400;
            String type = unreadable ? "malformed-request" : "http-" + status;
            String title = unreadable ? "Bad Request" : "HTTP " + status;
            String detail = unreadable ? "The request could not be read: its path, a header or their encoding is not valid"
                    : "The server refused the request before reading it";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("""
                            {"type":"%s%s","title":"%s","status":%d,"detail":"%s"}""".formatted(Problems.TYPE_PREFIX, type,
                            title, status, detail));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The connection is gone or the response committed: there is nobody left to tell.
            }
        }
    }
}
