package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.problem.ProblemException;

/** Resolves a year given in a path or query to its rulebook, or a 404 that lists the years there are. */
public final class YearParam {

    private YearParam() {
    }

    public static Rulebook rulebook(Rulebooks rulebooks, String field, String year) {
        return rulebooks.require(year(field, year), field);
    }

    public static int year(String field, String year) {
        try {
            int value = Integer.parseInt(year.strip());
            if (value >= 1000 && value <= 9999) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw ProblemException.badField(field, year, field + " must be a year such as 2016, not '" + year + "'");
    }
}
