package cn.panzhihua.scoring.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Builds the evidence lists of derived facts from what a rule's patterns matched. */
public final class Evidence {

    private Evidence() {
    }

    /**
     * Flattens its arguments into one list: matched input facts speak in request order (collectList
     * returns them in no fixed order), strings and other values as they are.
     */
    public static List<String> of(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object part : parts) {
            add(out, part);
        }
        return List.copyOf(out);
    }

    /**
     * A number as evidence text: exact, plain, without trailing zeros, so "98" reads the same
     * however the sum that produced it was accumulated (98 and 98.0 are one value).
     */
    public static String number(java.math.BigDecimal value) {
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /**
     * How a self-score comparison lists the changes that explain a gap: their labels, sorted, so the
     * trail reads the same every time (collectList gives no fixed order). Anything not a change is left out.
     */
    public static List<String> labels(Collection<?> changes) {
        List<String> out = new ArrayList<>();
        for (Object change : changes) {
            if (change instanceof ScoreChange c) {
                out.add(c.label());
            }
        }
        out.sort(Comparator.naturalOrder());
        return List.copyOf(out);
    }

    private static void add(List<String> out, Object part) {
        if (part instanceof Collection<?> many) {
            List<?> ordered = new ArrayList<>(many);
            // collectList returns matched facts in no fixed order: put them back in request order.
            ordered.sort(Comparator.comparingInt(o -> o instanceof Evidenced e ? e.seq() : 0));
            ordered.forEach(p -> add(out, p));
        } else if (part instanceof Evidenced fact) {
            out.addAll(fact.evidence());
        } else if (part != null) {
            out.add(part.toString());
        }
    }
}
