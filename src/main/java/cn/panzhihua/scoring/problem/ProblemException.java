package cn.panzhihua.scoring.problem;

import java.util.List;
import java.util.Map;

/** Rejects a request with a problem detail; thrown before anything is evaluated or stored. */
public class ProblemException extends RuntimeException {

    /** A request with more mistakes than this lists the first ones (and says how many there were). */
    static final int MAX_LISTED = 100;

    private final int status;
    private final String title;
    private final String field;
    private final transient Object value;
    private final transient List<?> errors;
    private final transient Map<String, Object> extensions;

    public ProblemException(int status, String title, String detail, String field, Object value, List<?> errors) {
        this(status, title, detail, field, value, errors, null);
    }

    public ProblemException(int status, String title, String detail, String field, Object value, List<?> errors,
                            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.value = value;
        this.errors = errors;
        this.extensions = extensions;
    }

    /** 400: the request names a field whose value cannot be accepted. */
    public static ProblemException badField(String field, Object value, String detail) {
        return invalid(List.of(new FieldError(field, value, detail)));
    }

    /**
     * 400 with every mistake found in the request: {@code errors} lists them all, and the first one is
     * also the problem's {@code detail}, {@code field} and {@code value}.
     */
    public static ProblemException invalid(List<FieldError> mistakes) {
        if (mistakes.isEmpty()) {
            throw new IllegalArgumentException("a rejected request has at least one mistake");
        }
        FieldError first = mistakes.get(0);
        String detail = first.message();
        if (mistakes.size() > 1) {
            detail += " (" + mistakes.size() + " mistakes in all" + (mistakes.size() > MAX_LISTED ? ", the first " + MAX_LISTED + " listed" : "")
                    + " in errors)";
        }
        List<FieldError> listed = List.copyOf(mistakes.size() > MAX_LISTED ? mistakes.subList(0, MAX_LISTED) : mistakes);
        return new ProblemException(400, "Invalid request", detail, first.field(), first.value(), listed);
    }

    /** 413: the request is larger than the service accepts (a limit of its configuration, named in the detail). */
    public static ProblemException tooLarge(String field, Object value, String detail) {
        return new ProblemException(413, "Request too large", detail, field, value, null);
    }

    public static ProblemException notFound(String title, String detail, String field, Object value) {
        return new ProblemException(404, title, detail, field, value, null);
    }

    public Problem toProblem(String instance) {
        return new Problem("about:blank", title, status, getMessage(), instance, field, value, errors, extensions);
    }

    public int status() {
        return status;
    }
}
