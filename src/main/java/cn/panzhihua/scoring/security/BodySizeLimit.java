package cn.panzhihua.scoring.security;

import cn.panzhihua.scoring.problem.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than the service accepts ({@code limits.body}; a batch {@code limits.batch-body})
 * is answered 413 problem+json before it is read. The rest of the body is then read and dropped, up
 * to {@code limits.drain} bytes, so that the client, still sending, receives the answer instead of a
 * reset connection; past that the connection is closed. A body sent in chunks (no Content-Length)
 * is read here, up to the limit, and handed on as read; one that grows past the limit is answered the same
 * way as soon as it does.
 */
@ApplicationScoped
public class BodySizeLimit {

    static final String BATCH = "/api/v1/evaluations/batch";
    /** The adoption ledger's spreadsheet import (issue 21): a year's file is a batch's size, not a request's. */
    static final java.util.regex.Pattern LEDGER_IMPORT = java.util.regex.Pattern.compile("/api/v1/adoptions/[^/]+/import");
    /** The uploads of the assessment year's evidence files. */
    static final java.util.regex.Pattern UPLOAD = java.util.regex.Pattern.compile("/api/v1/campaigns/[^/]+/(units/[^/]+/(self-assessment/[^/]+|facts)|objections/[^/]+)/files");
    /** The console's upload forms of the same files (multipart: the file and a few short fields). */
    static final java.util.regex.Pattern CONSOLE_UPLOAD = java.util.regex.Pattern.compile("/console/campaigns/[^/]+/units/[^/]+/(items/[^/]+/files|objections)");
    /** What a multipart form adds to its file: boundaries, headers, the idempotency key and an objection's text. */
    static final long FORM_OVERHEAD = 64 * 1024;
    /** Before the throttle and the application's routes. */
    static final int PRIORITY = 600;

    @ConfigProperty(name = "limits.body", defaultValue = "1M")
    MemorySize body;

    @ConfigProperty(name = "limits.batch-body", defaultValue = "4M")
    MemorySize batchBody;

    /** An evidence file of the assessment year (issue 20). */
    @ConfigProperty(name = "campaign.files.max-file-size", defaultValue = "20M")
    MemorySize uploadFile;

    @ConfigProperty(name = "limits.drain", defaultValue = "64M")
    MemorySize drain;

    @Inject
    ObjectMapper mapper;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean form = request.method() == HttpMethod.POST && CONSOLE_UPLOAD.matcher(request.path()).matches();
        if (request.method() == HttpMethod.POST && (form || UPLOAD.matcher(request.path()).matches())) {
            // Evidence files (issue 20) are streamed to storage by their endpoint, which applies the limits
            // per file and per unit as it reads: never read into memory here. One declared larger than a
            // file may be is refused here, the body drained, so the client receives the answer.
            long length = declared == null ? -1 : parseOr(declared);
            if (length > uploadFile.asLongValue() + (form ? FORM_OVERHEAD : 0)) {
                refuse(rc, "the file has " + length + " bytes", length, length);
            } else {
                rc.next();
            }
            return;
        }
        if (declared == null) {
            // chunked (HTTP/1.1), or a stream without a declared length (HTTP/2)
            if (!request.isEnded() && request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                readChunked(rc);
            } else {
                rc.next();
            }
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            rc.next(); // the HTTP layer refuses it
            return;
        }
        long limit = limit(request);
        if (length <= limit) {
            rc.next();
            return;
        }
        refuse(rc, "the body has " + length + " bytes", length, length);
    }

    private long limit(HttpServerRequest request) {
        if (UPLOAD.matcher(request.path()).matches()) {
            return uploadFile.asLongValue();
        }
        return (batchSized(request) ? batchBody : body).asLongValue();
    }

    private String setting(HttpServerRequest request) {
        if (UPLOAD.matcher(request.path()).matches()) {
            return "campaign.files.max-file-size";
        }
        return batchSized(request) ? "limits.batch-body" : "limits.body";
    }

    private static boolean batchSized(HttpServerRequest request) {
        return request.path().equals(BATCH) || LEDGER_IMPORT.matcher(request.path()).matches();
    }

    private static long parseOr(String declared) {
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads a chunked body up to the limit and hands it on as the request's body; refuses it once it grows past. */
    private void readChunked(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        long limit = limit(request);
        Buffer read = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return; // dropped: the answer is on its way
            }
            if (read.length() + chunk.length() > limit) {
                refused[0] = true;
                refuse(rc, "the body has more than " + limit + " bytes", read.length() + chunk.length(), 0);
                return;
            }
            read.appendBuffer(chunk);
        });
        request.endHandler(done -> {
            if (!refused[0]) {
                rc.setBody(read);
                rc.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        request.resume();
    }

    /** 413 problem+json; {@code declared} is the Content-Length when there is one (0: the body is being read). */
    private void refuse(RoutingContext rc, String what, long value, long declared) {
        HttpServerRequest request = rc.request();
        long limit = limit(request);
        Problem problem = new Problem("about:blank", "Request too large", 413, what + "; this service accepts at most " + limit
                + " (" + setting(request) + ")", request.path(), null, value, null);
        boolean expectsContinue = declared > 0 && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
        if (expectsContinue || request.isEnded() || declared > drain.asLongValue()) {
            // the client has not sent the body (and will not), or sends more than is worth reading: answer and close
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        } else if (declared > 0) {
            // read what the client is still sending and drop it, so that it reads this answer
            request.handler(ignored -> {
            });
            request.resume();
        } else {
            // a chunked body: keep dropping what comes, up to the drain limit, then close
            long[] dropped = {0};
            request.handler(chunk -> {
                dropped[0] += chunk.length();
                if (dropped[0] > drain.asLongValue()) {
                    request.connection().close();
                }
            });
        }
        FilterAnswer.problem(rc, mapper, problem);
    }
}
