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

    private static void add(List<String> out, Object part) {
        if (part instanceof Collection<?> many) {
            List<?> ordered = new ArrayList<>(many);
            ordered.sort(Comparator.comparingInt(o -> o instanceof Evidenced e ? e.seq() : 0));
            ordered.forEach(p -> add(out, p));
        } else if (part instanceof Evidenced fact) {
            out.addAll(fact.evidence());
        } else if (part != null) {
            out.add(part.toString());
        }
    }
}
