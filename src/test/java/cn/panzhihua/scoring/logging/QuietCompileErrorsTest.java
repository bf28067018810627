package cn.panzhihua.scoring.logging;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An author's DRL that does not compile is an answer to the author, not an ERROR in the service's log. */
@QuarkusTest
class QuietCompileErrorsTest {

    @Test
    void validatingABrokenFileLogsNoError() {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            given().auth().preemptive().basic("author", "author-dev").contentType("text/plain")
                    .body("package x;\nrule \"broken\"\nwhen\n    $n : Integer( intValue > )\nthen\nend\n")
                    .post("/api/v1/rulebooks/validate").then().statusCode(200).body("valid", equalTo(false));
        } finally {
            root.removeHandler(handler);
        }
        assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
    }
}
