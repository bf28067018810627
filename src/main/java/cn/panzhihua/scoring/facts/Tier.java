package cn.panzhihua.scoring.facts;

/**
 * A completion tier of the rulebook's tier table (tiers.tsv): a portion of {@code item} whose
 * adoption points reach {@code threshold} percent of its target earns {@code share} percent of
 * what the portion is worth.
 *
 * @param item the item's code, e.g. I-3 (items.tsv)
 * @param threshold the percentage of the target a portion must reach (earned × 100 ≥ target × threshold)
 * @param share the percentage of the portion it then earns
 * @param source where the document gives the tier
 * @param text the document's words, quoted in the trail
 * @param note an interpretation; may be null
 */
public record Tier(String item, int threshold, int share, String source, String text, String note) {

    public Quote quote() {
        return new Quote(source, text, note);
    }
}
