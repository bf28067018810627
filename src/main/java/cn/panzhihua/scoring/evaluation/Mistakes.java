package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.problem.FieldError;
import cn.panzhihua.scoring.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/** The mistakes found in one request, in the order the request was read; all of them are answered at once. */
final class Mistakes {

    private final List<FieldError> found = new ArrayList<>();

    void add(String field, Object value, String message) {
        found.add(new FieldError(field, value, message));
    }

    void add(String field, Object value, String message, List<String> suggestions) {
        found.add(new FieldError(field, value, message, suggestions));
    }

    int size() {
        return found.size();
    }

    /** 400 with every mistake, the first one as the problem's detail, field and value. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw ProblemException.invalid(found);
        }
    }
}
