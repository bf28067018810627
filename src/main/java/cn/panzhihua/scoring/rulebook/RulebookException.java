package cn.panzhihua.scoring.rulebook;

import java.util.List;
import java.util.stream.Collectors;

/** A rulebook that cannot be loaded, with every problem found in its files. */
public class RulebookException extends RuntimeException {

    private final transient List<RulebookProblem> problems;

    public RulebookException(String what, List<RulebookProblem> problems) {
        super(what + ":\n  " + problems.stream().map(RulebookProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public RulebookException(String file, int line, String message) {
        this("rulebook file " + file + " is invalid", List.of(new RulebookProblem(file, line, 0, message)));
    }

    public List<RulebookProblem> problems() {
        return problems;
    }
}
