package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.Tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads tiers.tsv: an adoption item's completion tiers (threshold and share in percent), highest first. */
final class TiersFile {

    static final String NAME = "tiers.tsv";

    private TiersFile() {
    }

    static List<Tier> read(String text, String displayName, Map<String, Item> items) {
        List<Tier> tiers = new ArrayList<>();
        for (TsvFile.Row row : TsvFile.read(text, displayName, List.of("item", "threshold", "share", "source", "text"))) {
            String item = row.get("item");
            if (!items.containsKey(item)) {
                throw row.invalid("tier names item '" + item + "', which items.tsv does not list");
            }
            int threshold = TsvFile.whole(row, "threshold");
            int share = TsvFile.whole(row, "share");
            if (threshold < 0 || share < 0 || share > 100) {
                throw row.invalid("threshold is a percentage of the target (0 or more), share a percentage of the portion (0 to 100)");
            }
            if (tiers.stream().anyMatch(t -> t.item().equals(item) && t.threshold() == threshold)) {
                throw row.invalid("two tiers of " + item + " at " + threshold + "%");
            }
            if (row.get("source").isEmpty() || row.get("text").isEmpty()) {
                throw row.invalid("a tier needs its source and text: the trail quotes them");
            }
            String note = row.cells().get("note");
            tiers.add(new Tier(item, threshold, share, row.get("source"), row.get("text"), note == null || note.isBlank() ? null : note));
        }
        for (String item : tiers.stream().map(Tier::item).distinct().toList()) {
            if (tiers.stream().noneMatch(t -> t.item().equals(item) && t.threshold() == 0)) {
                throw new RulebookException(displayName, 0, "the tiers of " + item + " need one at threshold 0, so every completion reaches a tier");
            }
            List<Tier> ofItem = tiers.stream().filter(t -> t.item().equals(item)).sorted(Comparator.comparingInt(Tier::threshold)).toList();
            for (int i = 1; i < ofItem.size(); i++) {
                if (ofItem.get(i).share() < ofItem.get(i - 1).share()) {
                    throw new RulebookException(displayName, 0, "a higher tier of " + item + " earns less: " + ofItem.get(i).threshold()
                            + "% earns " + ofItem.get(i).share() + "%, " + ofItem.get(i - 1).threshold() + "% earns " + ofItem.get(i - 1).share() + "%");
                }
            }
        }
        tiers.sort(Comparator.comparing(Tier::item).thenComparing(Comparator.comparingInt(Tier::threshold).reversed()));
        return List.copyOf(tiers);
    }
}
