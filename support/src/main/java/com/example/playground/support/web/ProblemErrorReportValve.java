package com.example.playground.support.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some requests before Spring sees them: an encoded slash or NUL in the path, a
 * broken percent-encoding, a malformed header. Tomcat's own answer is an HTML page; this valve makes
 * it a problem like every other answer of the API: 400 {@code malformed-request}, or for other
 * statuses the type named after the status. It only writes when nothing else has.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problem(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response committed: there is nobody left to tell.
        }
    }

    static String problem(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String type = status == 400 ? "malformed-request"
                : known == null ? "http-" + status : title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String detail = status == 400
                ? "The request could not be read: its path, a header or their encoding is not valid"
                : "The server refused the request before reading it";
        return """
                {"type":"%s%s","title":"%s","status":%d,"detail":"%s"}""".formatted(Problems.TYPE_PREFIX, type, title, status, detail);
    }
}
