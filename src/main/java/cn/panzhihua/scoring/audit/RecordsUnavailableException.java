package cn.panzhihua.scoring.audit;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.UUID;

/**
 * The decision records cannot be written or read: the database refused, is read-only or cannot be
 * reached. Answered as 503 (a recorded evaluation is never answered unless its record is stored);
 * what the database said is logged with a correlation id and never sent to the caller.
 */
public class RecordsUnavailableException extends IllegalStateException {

    private static final Logger LOG = Logger.getLogger(RecordsUnavailableException.class);

    private final String correlationId;

    private RecordsUnavailableException(String message, String correlationId, Throwable cause) {
        super(message, cause);
        this.correlationId = correlationId;
    }

    /** Logs the cause (SQL and all) under a new correlation id; the message names only the action. */
    public static RecordsUnavailableException of(String action, Throwable cause) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(cause, "decision records unavailable [correlation id %s]: could not %s: %s", id, action, cause.getMessage());
        return new RecordsUnavailableException("could not " + action + ": " + describe(cause), id, cause);
    }

    public String correlationId() {
        return correlationId;
    }

    /** What kind of refusal it was, in words that carry no SQL, table or class name. */
    static String describe(Throwable cause) {
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (sql.getErrorCode() == 90097 || state.equals("25006") || state.equals("HY000") && String.valueOf(sql.getMessage()).contains("read only")) {
                return "the database is read-only";
            }
            if (state.equals("42501")) {
                return "the database refuses writes (permission denied)";
            }
            if (state.startsWith("08")) {
                return "the database cannot be reached";
            }
            if (state.equals("53100") || sql.getErrorCode() == 90100) {
                return "the database has no space left";
            }
            if (state.startsWith("57") || state.equals("HYT00") || state.equals("40001") || state.equals("40P01")) {
                return "the database cancelled or timed out the operation";
            }
        }
        return "the database refused the operation";
    }
}
