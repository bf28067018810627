package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.problem.ProblemException;

/** Resolves a year given in a path or query to its rulebook, or a 404 that lists the years there are. */
public final class YearParam {

    private YearParam() {
    }

    public static Rulebook rulebook(Rulebooks rulebooks, String field, String year) {
        int value;
        try {
            value = Integer.parseInt(year.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw ProblemException.badField(field, year, field + " must be a year such as 2016, not '" + year + "'");
        }
        return rulebooks.require(value, field);
    }
}
