package cn.panzhihua.scoring.problem;

import java.util.List;

/** Rejects a request with a problem detail; thrown before anything is evaluated or stored. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final transient Object value;
    private final transient List<?> errors;

    public ProblemException(int status, String title, String detail, String field, Object value, List<?> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.value = value;
        this.errors = errors;
    }

    /** 400: the request names a field whose value cannot be accepted. */
    public static ProblemException badField(String field, Object value, String detail) {
        return new ProblemException(400, "Invalid request", detail, field, value, null);
    }

    public static ProblemException notFound(String title, String detail, String field, Object value) {
        return new ProblemException(404, title, detail, field, value, null);
    }

    public Problem toProblem(String instance) {
        return new Problem("about:blank", title, status, getMessage(), instance, field, value, errors);
    }

    public int status() {
        return status;
    }
}
